package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The torrent's SHA-1s of a session's appended archives, taken on a background thread right after each append
 * (from the page cache, while the next archive is encoded), so that the commit does not read and hash the new
 * data again. Appends are contiguous from the committed length; anything unexpected (a gap, a failed read)
 * only means the commit hashes those pieces itself, as it did before.
 */
final class AppendedPieceHashes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppendedPieceHashes.class);

    /** The hashes of the data pieces from {@code firstPiece} on. */
    record Pieces(int firstPiece, List<byte[]> hashes) {
    }

    private final Path data;
    private final int pieceLength;
    private final List<Future<List<byte[]>>> ranges = new ArrayList<>();
    private ExecutorService thread;
    private long first = -1;
    private long next;
    private boolean usable = true;

    AppendedPieceHashes(Path data, int pieceLength) {
        this.data = data;
        this.pieceLength = pieceLength;
    }

    /** Hashes an appended archive's pieces (its padding included) in the background. */
    void appended(ArchiveLocation location) {
        if (!usable) {
            return;
        }
        if (!(location instanceof PieceRange range) || range.offset() % pieceLength != 0
                || range.size() % pieceLength != 0 || first >= 0 && range.offset() != next) {
            usable = false; // not the layout expected: the commit hashes the data itself
            return;
        }
        if (first < 0) {
            first = range.offset();
        }
        next = range.offset() + range.size();
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "archivist-torrent-hash");
                t.setDaemon(true);
                return t;
            });
        }
        ranges.add(thread.submit(() -> {
            try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
                return TorrentBuilder.hashWholePieces(channel, range.offset(), range.size(), pieceLength);
            }
        }));
    }

    /** The appended pieces' hashes once all are taken; empty when there were none or one could not be taken. */
    Optional<Pieces> await() throws InterruptedException {
        if (!usable || ranges.isEmpty()) {
            return Optional.empty();
        }
        List<byte[]> hashes = new ArrayList<>();
        for (Future<List<byte[]>> range : ranges) {
            try {
                hashes.addAll(range.get());
            } catch (ExecutionException e) {
                LOG.warn("{}: an appended archive could not be hashed in the background ({}); the commit hashes it",
                        data, e.getCause() instanceof IOException io ? io.getMessage() : e.getCause());
                return Optional.empty();
            }
        }
        return Optional.of(new Pieces((int) (first / pieceLength), hashes));
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
