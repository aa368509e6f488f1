package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.CommunityId;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.DownloadProgress;
import org.archivist.api.storage.StorageException;
import org.archivist.core.format.DecodeLimits;
import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngine;
import org.archivist.storage.bittorrent.internal.metainfo.MagnetLink;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentFileEntry;

/**
 * A member's download of one announced magnet link, into {@code <dataDir>/<community>/}: the metadata
 * (BEP 9, with a timeout), the {@code index} file, then only the pieces of the archives asked for. Pieces
 * already verified on disk from an earlier attempt are not fetched again.
 */
final class TorrentArchiveDownload implements ArchiveDownload {
    private final TorrentEngine engine;
    private final CommunityId community;
    private final String link;
    private final MagnetLink magnet;
    private final Path dataDir;
    private final BitTorrentSettings settings;
    private volatile FetchSession fetch;
    private Metainfo torrent;
    private volatile boolean cancelled;

    TorrentArchiveDownload(TorrentEngine engine, CommunityId community, String link, MagnetLink magnet,
            BitTorrentSettings settings) {
        this.engine = engine;
        this.community = community;
        this.link = link;
        this.magnet = magnet;
        this.dataDir = settings.dataDir();
        this.settings = settings;
    }

    @Override
    public String link() {
        return link;
    }

    private synchronized Metainfo metadata() throws StorageException, InterruptedException {
        if (cancelled) {
            throw new java.util.concurrent.CancellationException("download of " + link + " was cancelled");
        }
        if (torrent != null) {
            return torrent;
        }
        try {
            if (fetch == null) {
                fetch = engine.fetch(magnet.withPeers(settings.peerHints()), dataDir);
                if (cancelled) {
                    fetch.cancel();
                }
            }
            Metainfo info = fetch.awaitMetadata(settings.metadataTimeout());
            if (!info.name().equals(community.hex())) {
                throw new StorageException("the torrent of " + link + " is named '" + info.name()
                        + "', not after community " + community + ": status-go would not find its index", false);
            }
            TorrentFileEntry index = info.file(Metainfo.INDEX_FILE).orElseThrow(() -> new StorageException(
                    "the torrent of " + link + " has no file 'index'", false));
            if (info.file(Metainfo.DATA_FILE).isEmpty() || index.length() == 0) {
                throw new StorageException("the torrent of " + link + " is not a Status archive set (files "
                        + info.files() + ")", false);
            }
            torrent = info;
            return info;
        } catch (EngineException e) {
            throw new StorageException(e.getMessage(), e.retryable(), e);
        }
    }

    @Override
    public byte[] index() throws StorageException, InterruptedException {
        Metainfo info = metadata();
        long at = info.fileOffset(Metainfo.INDEX_FILE).orElseThrow();
        long length = info.file(Metainfo.INDEX_FILE).orElseThrow().length();
        if (length > DecodeLimits.DEFAULT.maxIndexBytes()) { // checked before a byte is fetched or allocated
            throw new StorageException("the torrent of " + link + " claims an index of " + length
                    + " bytes, more than the " + DecodeLimits.DEFAULT.maxIndexBytes() + " accepted", false);
        }
        fetchRange(info, at, length, DownloadProgress.NONE);
        return read(Metainfo.INDEX_FILE, 0, length);
    }

    @Override
    public byte[] archive(ArchiveLocation location, DownloadProgress progress)
            throws StorageException, InterruptedException {
        PieceRange range = fetchArchive(location, progress);
        return read(Metainfo.DATA_FILE, range.offset(), range.blobLength());
    }

    /** The verified range copied from the data file to {@code target} by the kernel, never through the heap. */
    @Override
    public long archiveTo(ArchiveLocation location, Path target, DownloadProgress progress)
            throws StorageException, InterruptedException {
        PieceRange range = fetchArchive(location, progress);
        Path data = dataDir.resolve(community.hex()).resolve(Metainfo.DATA_FILE);
        try (FileChannel in = FileChannel.open(data, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            long copied = 0;
            while (copied < range.blobLength()) {
                long n = in.transferTo(range.offset() + copied, range.blobLength() - copied, out);
                if (n <= 0) {
                    throw new StorageException(data + " ended early although its pieces were verified", true);
                }
                copied += n;
            }
            return copied;
        } catch (IOException e) {
            throw new StorageException("cannot copy the archive from " + data + " to " + target + ": "
                    + e.getMessage(), true, e);
        }
    }

    /** Checks the range against the torrent and fetches its pieces (each SHA-1 verified by the engine). */
    private PieceRange fetchArchive(ArchiveLocation location, DownloadProgress progress)
            throws StorageException, InterruptedException {
        if (!(location instanceof PieceRange range)) {
            throw new StorageException("a magnet link's archives are piece ranges, not " + location, false);
        }
        Metainfo info = metadata();
        long dataLength = info.file(Metainfo.DATA_FILE).orElseThrow().length();
        if (range.offset() > dataLength || range.size() > dataLength - range.offset()
                || info.fileOffset(Metainfo.DATA_FILE).orElseThrow() != 0) {
            throw new StorageException("archive at offset " + range.offset() + " size " + range.size()
                    + " lies outside the torrent's data file of " + dataLength + " bytes", false);
        }
        if (range.blobLength() > DecodeLimits.DEFAULT.maxArchiveBytes()) { // before fetching or allocating
            throw new StorageException("the index claims an archive of " + range.blobLength() + " bytes, more than"
                    + " the " + DecodeLimits.DEFAULT.maxArchiveBytes() + " accepted", false);
        }
        fetchRange(info, range.offset(), range.size(), progress);
        return range;
    }

    private void fetchRange(Metainfo info, long offset, long length, DownloadProgress progress)
            throws StorageException, InterruptedException {
        Metainfo.PieceSpan span = info.piecesOf(offset, length);
        BitSet pieces = new BitSet();
        pieces.set(span.first(), span.end());
        FetchSession session = fetch;
        if (session == null) {
            throw new java.util.concurrent.CancellationException("download of " + link + " was closed");
        }
        try {
            session.awaitPieces(pieces, (donePieces, totalPieces, doneBytes, totalBytes) ->
                    progress.bytes(Math.min(doneBytes, length), length));
        } catch (EngineException e) {
            throw new StorageException(e.getMessage(), e.retryable(), e);
        }
    }

    private byte[] read(String file, long offset, long length) throws StorageException {
        Path path = dataDir.resolve(community.hex()).resolve(file);
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (ch.read(buffer, offset + buffer.position()) < 0) {
                    throw new StorageException(path + " ended early although its pieces were verified", true);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot read " + path + ": " + e.getMessage(), true, e);
        }
        return buffer.array();
    }

    @Override
    public void cancel() {
        cancelled = true;
        FetchSession session = fetch;
        if (session != null) {
            session.cancel();
        }
    }

    @Override
    public synchronized void close() {
        if (fetch != null) {
            fetch.close();
            fetch = null;
        }
    }
}
