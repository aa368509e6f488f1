package org.archivist.storage.bittorrent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

import org.archivist.storage.bittorrent.internal.metainfo.BencodeException;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;

/**
 * A community's torrent as status-go builds it: name = the community id, files {@code data} and {@code index},
 * piece length 102400, status-go's two trackers. Read from a {@code .torrent} file (every field validated,
 * sizes checked before anything is allocated) or built from a community directory.
 */
public final class StatusTorrent {
    /** The archives file of a community directory (and of its torrent). */
    public static final String DATA_FILE = Metainfo.DATA_FILE;
    /** The index file of a community directory (and of its torrent). */
    public static final String INDEX_FILE = Metainfo.INDEX_FILE;
    /** The largest {@code .torrent} read. */
    public static final int MAX_TORRENT_BYTES = Metainfo.MAX_TORRENT_BYTES;

    private final Metainfo metainfo;

    private StatusTorrent(Metainfo metainfo) {
        this.metainfo = Objects.requireNonNull(metainfo, "metainfo");
    }

    static StatusTorrent of(Metainfo metainfo) {
        return new StatusTorrent(metainfo);
    }

    /** Builds the torrent of {@code <data-dir>/<community>} exactly as status-go does. */
    public static StatusTorrent build(Path communityDir, String createdBy, long creationDateSeconds)
            throws IOException {
        return new StatusTorrent(TorrentBuilder.status(createdBy).build(communityDir, creationDateSeconds));
    }

    /**
     * Parses a bencoded v1 multi-file torrent.
     *
     * @throws InvalidTorrentException for anything else (v2-only, single-file, malformed, oversized)
     */
    public static StatusTorrent parse(byte[] bytes) throws InvalidTorrentException {
        try {
            return new StatusTorrent(Metainfo.parse(bytes));
        } catch (BencodeException e) {
            throw new InvalidTorrentException(e.getMessage(), e);
        }
    }

    /** Reads a {@code .torrent} file, refusing one over {@link #MAX_TORRENT_BYTES} before reading it. */
    public static StatusTorrent read(Path file) throws IOException, InvalidTorrentException {
        try {
            return new StatusTorrent(Metainfo.read(file));
        } catch (BencodeException e) {
            throw new InvalidTorrentException(file + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return metainfo.name();
    }

    public int pieceLength() {
        return metainfo.pieceLength();
    }

    public int pieceCount() {
        return metainfo.pieceCount();
    }

    /** The SHA-1 of piece {@code piece} (20 bytes). */
    public byte[] pieceHash(int piece) {
        if (piece < 0 || piece >= pieceCount()) {
            throw new IndexOutOfBoundsException("piece " + piece + " of " + pieceCount());
        }
        return metainfo.pieceHash(piece);
    }

    /** The files in torrent order (their concatenation is what the pieces hash). */
    public List<TorrentFile> files() {
        return metainfo.files().stream().map(f -> new TorrentFile(f.pathString(), f.length())).toList();
    }

    /** The length of the file at {@code path}, empty when the torrent has no such file. */
    public OptionalLong fileLength(String path) {
        return metainfo.file(path).map(f -> OptionalLong.of(f.length())).orElse(OptionalLong.empty());
    }

    /** Where the file at {@code path} starts in the torrent's byte stream, empty when there is no such file. */
    public OptionalLong fileOffset(String path) {
        return metainfo.fileOffset(path).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    public long totalLength() {
        return metainfo.totalLength();
    }

    public String infoHashHex() {
        return metainfo.infoHashHex();
    }

    /** The magnet link status-go gives for this torrent. */
    public MagnetUri magnet() {
        return MagnetUri.of(metainfo.magnet());
    }

    /** The bencoded {@code .torrent}. */
    public byte[] bytes() {
        return metainfo.bytes();
    }
}
