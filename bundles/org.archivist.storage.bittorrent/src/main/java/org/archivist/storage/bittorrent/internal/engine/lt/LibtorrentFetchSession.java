package org.archivist.storage.bittorrent.internal.engine.lt;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;

import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.engine.FetchSignal;
import org.archivist.storage.bittorrent.internal.metainfo.BencodeException;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.libtorrent4j.PieceIndexBitfield;
import org.libtorrent4j.Priority;
import org.libtorrent4j.TorrentFlags;
import org.libtorrent4j.TorrentHandle;
import org.libtorrent4j.TorrentInfo;
import org.libtorrent4j.TorrentStatus;
import org.libtorrent4j.alerts.Alert;
import org.libtorrent4j.alerts.AlertType;
import org.libtorrent4j.swig.byte_span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member download on libtorrent: metadata by BEP 9 (the torrent added in upload mode, so nothing else moves),
 * then only the pieces asked for (piece priorities: the wanted ones at the default, the others ignored), each
 * SHA-1 checked by libtorrent. Pieces already on disk are found by libtorrent's check when the metadata arrives.
 */
final class LibtorrentFetchSession implements FetchSession {
    private static final Logger LOG = LoggerFactory.getLogger(LibtorrentFetchSession.class);
    private static final long POLL_MILLIS = 250;
    private static final long REDIAL_NANOS = 2_000_000_000L;
    private static final long METADATA_POLL_MILLIS = 50;
    private static final long METADATA_REDIAL_NANOS = 500_000_000L;
    private static final long FLUSH_WAIT_MILLIS = 10_000;

    private final LibtorrentEngine engine;
    private final TorrentHandle handle;
    private final String hex;
    private final Duration stallTimeout;
    private final List<String> peers;
    private final BitSet wanted = new BitSet();
    private final FetchSignal signal;
    private volatile String error;
    private volatile long flushes;
    private Metainfo metainfo;

    LibtorrentFetchSession(LibtorrentEngine engine, TorrentHandle handle, String hex, Duration stallTimeout,
            List<String> peers) {
        this.engine = engine;
        this.handle = handle;
        this.hex = hex;
        this.stallTimeout = stallTimeout;
        this.peers = List.copyOf(peers);
        this.signal = new FetchSignal(hex);
    }

    TorrentHandle handle() {
        return handle;
    }

    /** An alert about this torrent, on libtorrent's alert thread. */
    void alert(Alert<?> alert) {
        if (alert.type() == AlertType.TORRENT_ERROR || alert.type() == AlertType.FILE_ERROR
                || alert.type() == AlertType.METADATA_FAILED) {
            error = alert.message();
            LOG.warn("Torrent {}: {}", hex, alert.message());
        } else if (alert.type() == AlertType.CACHE_FLUSHED) {
            flushes++;
        }
        wake();
    }

    private void wake() {
        signal.wake();
    }

    private void pause(long millis) throws InterruptedException {
        signal.pause(millis);
    }

    @Override
    public Metainfo awaitMetadata(Duration timeout) throws EngineException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long lastDial = System.nanoTime();
        while (true) {
            checkCancelled();
            synchronized (this) {
                if (metainfo != null) {
                    return metainfo;
                }
            }
            if (handle.status().hasMetadata()) {
                return metadata();
            }
            failIfErrored();
            if (System.nanoTime() - lastDial > METADATA_REDIAL_NANOS) {
                LibtorrentEngine.connect(handle, peers); // a hinted peer that was not up yet, a lost handshake
                lastDial = System.nanoTime();
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new EngineException("no peer served the metadata of torrent " + hex + " within " + timeout, true);
            }
            pause(Math.min(METADATA_POLL_MILLIS, Math.max(1, left / 1_000_000)));
        }
    }

    private synchronized Metainfo metadata() throws EngineException {
        if (metainfo == null) {
            TorrentInfo info = handle.torrentFile();
            byte_span span = info.swig().get_info_section();
            byte[] bytes = new byte[(int) span.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = span.at(i);
            }
            try {
                metainfo = Metainfo.parseInfo(bytes);
            } catch (BencodeException | RuntimeException e) {
                throw new EngineException("the metadata of torrent " + hex + " is unusable: " + e.getMessage(), false,
                        e);
            }
        }
        return metainfo;
    }

    @Override
    public void awaitPieces(BitSet pieces, PieceProgress progress) throws EngineException, InterruptedException {
        Metainfo torrent = awaitMetadata(stallTimeout);
        if (pieces.length() > torrent.pieceCount()) {
            throw new IllegalArgumentException("piece " + (pieces.length() - 1) + " asked of torrent " + hex
                    + ", which has " + torrent.pieceCount());
        }
        want(pieces, torrent.pieceCount());
        long totalBytes = torrent.lengthOf(pieces);
        int lastDone = -1;
        long lastProgressAt = System.nanoTime();
        long lastDialAt = lastProgressAt;
        while (true) {
            checkCancelled();
            failIfErrored();
            BitSet done = verifiedPieces();
            done.and(pieces);
            int doneCount = done.cardinality();
            if (doneCount != lastDone) {
                progress.update(doneCount, pieces.cardinality(), torrent.lengthOf(done), totalBytes);
                lastDone = doneCount;
                lastProgressAt = System.nanoTime();
            }
            if (doneCount == pieces.cardinality()) {
                flush();
                return;
            }
            long idle = System.nanoTime() - lastProgressAt;
            if (idle > REDIAL_NANOS && System.nanoTime() - lastDialAt > REDIAL_NANOS) {
                LibtorrentEngine.connect(handle, peers);
                lastDialAt = System.nanoTime();
            }
            if (idle > stallTimeout.toNanos()) {
                throw new EngineException("torrent " + hex + ": no wanted piece arrived for " + stallTimeout + " ("
                        + doneCount + " of " + pieces.cardinality() + " pieces verified)", true);
            }
            pause(POLL_MILLIS);
        }
    }

    /** Adds pieces to the wanted ones (they stay wanted), and lets libtorrent download them. */
    private synchronized void want(BitSet pieces, int pieceCount) {
        BitSet before = (BitSet) wanted.clone();
        wanted.or(pieces);
        if (wanted.equals(before) && !handle.getFlags().and_(TorrentFlags.UPLOAD_MODE).non_zero()) {
            return;
        }
        Priority[] priorities = new Priority[pieceCount];
        for (int p = 0; p < pieceCount; p++) {
            priorities[p] = wanted.get(p) ? Priority.DEFAULT : Priority.IGNORE;
        }
        handle.prioritizePieces(priorities);
        handle.unsetFlags(TorrentFlags.UPLOAD_MODE);
    }

    /** Waits until libtorrent has written what it verified, so that readers of the files see every byte. */
    private void flush() throws InterruptedException {
        long before = flushes;
        handle.flushCache();
        long end = System.nanoTime() + FLUSH_WAIT_MILLIS * 1_000_000;
        while (flushes == before && System.nanoTime() < end && !signal.closed()) {
            pause(20);
        }
    }

    private void failIfErrored() throws EngineException {
        String e = error;
        if (e != null) {
            throw new EngineException("torrent " + hex + ": " + e, false);
        }
    }

    @Override
    public BitSet verifiedPieces() {
        BitSet done = new BitSet();
        if (!handle.isValid()) {
            return done;
        }
        TorrentStatus status = handle.status(TorrentHandle.QUERY_PIECES);
        PieceIndexBitfield have = status.pieces();
        for (int p = 0, n = have.size(); p < n; p++) {
            if (have.getBit(p)) {
                done.set(p);
            }
        }
        return done;
    }

    private void checkCancelled() {
        signal.checkCancelled();
    }

    @Override
    public void cancel() {
        signal.cancel();
    }

    @Override
    public void close() {
        if (!signal.close()) {
            return;
        }
        engine.fetchClosed(hex, this);
        LOG.debug("Fetch of {} closed", hex);
    }

    void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.debug("closing the fetch of {} failed", hex, e);
        }
    }
}
