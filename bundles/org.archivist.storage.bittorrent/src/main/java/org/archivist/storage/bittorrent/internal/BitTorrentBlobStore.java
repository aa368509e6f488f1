package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.content.BlobStore;
import org.archivist.api.content.CancelSignal;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.ContentIntegrityException;
import org.archivist.api.content.InvalidLinkException;
import org.archivist.api.content.TransferProgress;
import org.archivist.api.storage.BackendStatus;
import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.EngineState;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngine;
import org.archivist.storage.bittorrent.internal.metainfo.BencodeException;
import org.archivist.storage.bittorrent.internal.metainfo.MagnetLink;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.inject.Inject;

/**
 * Blobs as single-file torrents ({@link BlobTorrents}: fixed parameters, so the infohash is a pure function of the
 * bytes), seeded by the engine; the link is the magnet of the infohash with this node's address as a peer hint.
 * {@code <dir>/<infohash>/} holds a blob's data (where in it: {@link BlobLayout}, which depends on the engine),
 * {@code <dir>/<infohash>.torrent} marks it complete and kept: it
 * is seeded again after a restart ({@link #refreshDue()}). A member's fetch goes into the same directory, every
 * piece SHA-1 checked by the engine against metadata that must hash to the link's infohash, pieces verified
 * before an interruption are kept for the next attempt (run by a fresh engine, see the constructor); once complete
 * the member seeds it too, so a file stays fetchable when its sender is gone.
 */
public final class BitTorrentBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(BitTorrentBlobStore.class);
    private static final String TORRENT = ".torrent";

    private final TorrentEngine engine;
    private final EngineFactory fetchEngines;
    private final BlobLayout layout;
    private final Path dir;
    private final Optional<String> advertiseHost;
    private final List<String> peerHints;
    private final Duration metadataTimeout;
    private final long maxBlobBytes;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Opens a started engine for one fetch. */
    @FunctionalInterface
    public interface EngineFactory {
        TorrentEngine open() throws EngineException;
    }

    /**
     * @param engine        the engine that seeds every kept blob
     * @param fetchEngines  a fresh engine per fetch attempt, closed once it ends: bt 1.10 keeps a stopped torrent's
     *                      peer connections, and a second fetch of the same torrent in the same engine then gets no
     *                      data, so a retry after a stall (or a cancel) must not reuse the engine; of the same kind
     *                      as {@code engine}
     * @param layout        where {@code engine}'s kind keeps a blob's bytes ({@link BlobLayout#of})
     * @param advertiseHost the host other nodes reach this engine at, written into links as a peer hint with the
     *                      engine's port (empty: links carry no hint; peers come from the DHT or the hints)
     * @param peerHints     {@code host:port} peers added to every fetched link
     * @param maxBlobBytes  the largest blob a fetch accepts (checked in the metadata, before any piece)
     */
    @Inject
    public BitTorrentBlobStore(TorrentEngine engine, EngineFactory fetchEngines, BlobLayout layout, Path dir,
            Optional<String> advertiseHost, List<String> peerHints, Duration metadataTimeout, long maxBlobBytes)
            throws IOException {
        this.engine = engine;
        this.fetchEngines = fetchEngines;
        this.layout = layout;
        this.dir = Files.createDirectories(dir);
        this.advertiseHost = advertiseHost;
        this.peerHints = List.copyOf(peerHints);
        this.metadataTimeout = metadataTimeout;
        this.maxBlobBytes = maxBlobBytes;
    }

    @Override
    public BackendStatus status() {
        EngineState state = engine.state();
        return switch (state) {
            case RUNNING -> BackendStatus.up(Map.of("listenPort", engine.port()));
            case FAILED -> BackendStatus.down("the BitTorrent engine failed: " + engine.failure().map(Throwable::toString)
                    .orElse("?"));
            default -> BackendStatus.starting("the BitTorrent engine is " + state);
        };
    }

    @Override
    public boolean recognizes(String link) {
        try {
            MagnetLink.parse(link);
            return true;
        } catch (BencodeException | RuntimeException e) {
            return false;
        }
    }

    private MagnetLink magnet(String link) throws InvalidLinkException {
        try {
            return MagnetLink.parse(link);
        } catch (BencodeException | RuntimeException e) {
            throw new InvalidLinkException("not a magnet link of a blob: " + link + " (" + e.getMessage() + ")", e);
        }
    }

    private String link(String infoHashHex) {
        List<String> peers = advertiseHost.map(h -> List.of(h + ":" + engine.port())).orElse(List.of());
        return new MagnetLink(infoHashHex, Optional.empty(), List.of(), peers).toString();
    }

    @Override
    public String linkOf(Path file) throws ContentException {
        try {
            return link(BlobTorrents.build(file, TransferProgress.NONE).infoHashHex());
        } catch (IOException e) {
            throw new ContentException("cannot hash " + file + ": " + e, true, e);
        }
    }

    @Override
    public String put(Path file, TransferProgress progress, CancelSignal cancel)
            throws ContentException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a regular file: " + file);
        }
        try {
            long size = Files.size(file);
            Metainfo torrent = BlobTorrents.build(file, (done, total) -> progress.bytes(done / 2, size));
            String hash = torrent.infoHashHex();
            synchronized (lock(hash)) {
                if (cancel.isCancelled()) {
                    throw new CancellationException("publish of " + file + " cancelled");
                }
                Path blobDir = dir.resolve(hash);
                layout.adopt(blobDir);
                Path content = layout.content(blobDir);
                if (!Files.isRegularFile(content) || Files.size(content) != size) {
                    Files.createDirectories(content.getParent());
                    Path temp = Files.createTempFile(content.getParent(), FILE_PREFIX, ".part");
                    try {
                        Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
                        move(temp, content);
                    } finally {
                        Files.deleteIfExists(temp);
                    }
                }
                progress.bytes(size, size);
                seed(hash, torrent);
                return link(hash);
            }
        } catch (IOException e) {
            throw new ContentException("cannot store " + file + ": " + e, true, e);
        }
    }

    private static final String FILE_PREFIX = "." + BlobTorrents.FILE;

    /** Records the blob as complete and kept (its torrent file), then serves it. */
    private void seed(String hash, Metainfo torrent) throws IOException, ContentException, InterruptedException {
        Path torrentFile = dir.resolve(hash + TORRENT);
        if (!Files.isRegularFile(torrentFile)) {
            Path temp = Files.createTempFile(dir, hash, ".part");
            try {
                Files.write(temp, torrent.bytes());
                move(temp, torrentFile);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        if (engine.isSeeding(hash)) {
            return;
        }
        try {
            layout.adopt(dir.resolve(hash));
            engine.seed(torrent, dir.resolve(hash));
        } catch (EngineException e) {
            throw new ContentException("cannot seed blob " + hash + ": " + e.getMessage(), e.retryable(), e);
        }
    }

    @Override
    public void fetch(String link, Path target, TransferProgress progress, CancelSignal cancel)
            throws ContentException, InterruptedException {
        MagnetLink magnet = magnet(link);
        String hash = magnet.infoHashHex();
        synchronized (lock(hash)) {
            Path blobDir = dir.resolve(hash);
            if (!Files.isRegularFile(dir.resolve(hash + TORRENT))) {
                download(magnet, blobDir, progress, cancel);
            }
            Path content = layout.content(blobDir);
            try {
                Files.createDirectories(target.toAbsolutePath().getParent());
                Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(),
                        ".part");
                try {
                    Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
                    move(temp, target);
                } finally {
                    Files.deleteIfExists(temp);
                }
                long size = Files.size(target);
                progress.bytes(size, size);
            } catch (IOException e) {
                throw new ContentException("cannot copy blob " + hash + " to " + target + ": " + e, true, e);
            }
        }
    }

    /** Attempts of one fetch, each in a fresh engine, resuming from the pieces verified before. */
    static final int FETCH_ATTEMPTS = 3;

    /**
     * Fetches every piece into {@code blobDir} (a retryable failure, say a stall, is tried again in a fresh engine
     * from the verified pieces), checks the whole file against the infohash, then seeds it.
     */
    private void download(MagnetLink magnet, Path blobDir, TransferProgress progress, CancelSignal cancel)
            throws ContentException, InterruptedException {
        String hash = magnet.infoHashHex();
        List<String> peers = new ArrayList<>(magnet.peers());
        peerHints.stream().filter(p -> !peers.contains(p)).forEach(peers::add);
        MagnetLink withHints = new MagnetLink(hash, Optional.empty(), List.of(), peers);
        try {
            layout.adopt(blobDir);
        } catch (IOException e) {
            throw new ContentException("cannot move the partial blob " + hash + " into this engine's layout: " + e,
                    true, e);
        }
        Metainfo info = null;
        for (int attempt = 1; info == null; attempt++) {
            try {
                info = attempt(withHints, blobDir, progress, cancel);
            } catch (ContentException e) {
                if (!e.retryable() || attempt >= FETCH_ATTEMPTS || cancel.isCancelled()) {
                    throw e;
                }
                LOG.info("fetch of blob {} failed ({}); attempt {} of {} in a fresh engine", hash, e.getMessage(),
                        attempt + 1, FETCH_ATTEMPTS);
            }
        }
        try {
            Metainfo rebuilt = BlobTorrents.build(layout.content(blobDir), TransferProgress.NONE);
            if (!rebuilt.infoHashHex().equals(hash)) {
                deleteTree(blobDir);
                throw new ContentIntegrityException("blob " + hash + " on disk hashes to " + rebuilt.infoHashHex()
                        + "; the copy was discarded", null);
            }
            seed(hash, info);
            LOG.info("fetched blob {} ({} bytes); seeding it", hash, info.totalLength());
        } catch (IOException e) {
            throw new ContentException("cannot check the fetched blob " + hash + ": " + e, true, e);
        }
    }

    private Metainfo attempt(MagnetLink withHints, Path blobDir, TransferProgress progress, CancelSignal cancel)
            throws ContentException, InterruptedException {
        String hash = withHints.infoHashHex();
        try (TorrentEngine fetchEngine = fetchEngines.open();
                FetchSession session = fetchEngine.fetch(withHints, blobDir);
                CancelSignal.Registration r = cancel.onCancel(session::cancel)) {
            Metainfo info = session.awaitMetadata(metadataTimeout);
            if (!BlobTorrents.isBlob(info)) {
                throw new InvalidLinkException(hash + " is not a blob torrent (name " + info.name() + ", files "
                        + info.files() + ")");
            }
            long total = info.totalLength();
            if (total > maxBlobBytes) {
                throw new ContentException("blob " + hash + " has " + total + " bytes, more than the " + maxBlobBytes
                        + " accepted", false);
            }
            BitSet all = new BitSet();
            all.set(0, info.pieceCount());
            session.awaitPieces(all, (donePieces, totalPieces, doneBytes, totalBytes) -> progress.bytes(doneBytes,
                    total));
            return info;
        } catch (EngineException e) {
            throw new ContentException("fetch " + hash + ": " + e.getMessage(), e.retryable(), e);
        }
    }

    @Override
    public List<String> kept() throws ContentException {
        List<String> out = new ArrayList<>();
        for (String hash : keptHashes()) {
            out.add(link(hash));
        }
        return out;
    }

    private List<String> keptHashes() throws ContentException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + TORRENT)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                out.add(name.substring(0, name.length() - TORRENT.length()));
            }
        } catch (IOException e) {
            throw new ContentException("cannot list the kept blobs in " + dir + ": " + e, true, e);
        }
        out.sort(null);
        return out;
    }

    /** Seeds every kept blob the engine does not serve (after a restart); a blob that fails is logged. */
    @Override
    public void refreshDue() throws ContentException {
        for (String hash : keptHashes()) {
            if (engine.isSeeding(hash)) {
                continue;
            }
            try {
                synchronized (lock(hash)) {
                    seed(hash, Metainfo.read(dir.resolve(hash + TORRENT)));
                }
            } catch (IOException | BencodeException | ContentException e) {
                LOG.warn("cannot seed kept blob {} again: {}", hash, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContentException("seeding interrupted", true, e);
            }
        }
    }

    @Override
    public void release(String link) throws ContentException {
        String hash = magnet(link).infoHashHex();
        synchronized (lock(hash)) {
            try {
                engine.unseed(hash);
                Files.deleteIfExists(dir.resolve(hash + TORRENT));
                deleteTree(dir.resolve(hash));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContentException("release interrupted", true, e);
            } catch (IOException e) {
                throw new ContentException("cannot delete blob " + hash + ": " + e, true, e);
            }
        }
    }

    private Object lock(String hash) {
        return locks.computeIfAbsent(hash, h -> new Object());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException e) {
                    // gone already
                }
            }
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
