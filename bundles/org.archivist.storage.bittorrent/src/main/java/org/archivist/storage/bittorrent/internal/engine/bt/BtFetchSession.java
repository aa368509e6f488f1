package org.archivist.storage.bittorrent.internal.engine.bt;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.engine.FetchSignal;
import org.archivist.storage.bittorrent.internal.metainfo.BencodeException;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bt.data.DataDescriptor;
import bt.data.LocalBitfield;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentId;
import bt.runtime.BtClient;

/** A member download on bt: metadata by BEP 9, then only the pieces asked for, each SHA-1 checked by bt. */
final class BtFetchSession implements FetchSession {
    private static final Logger LOG = LoggerFactory.getLogger(BtFetchSession.class);
    private static final long POLL_MILLIS = 250;
    private static final long REFRESH_NANOS = 2_000_000_000L;
    private static final long RECONNECT_NANOS = 10_000_000_000L;

    private final BtEngine engine;
    private final TorrentId id;
    private final Duration stallTimeout;
    private final java.util.List<String> peers;
    private final WantedPiecesSelector selector = new WantedPiecesSelector();
    private final CompletableFuture<Metainfo> metadata = new CompletableFuture<>();
    private final FetchSignal signal;
    private final ProcessingExecutor.Ticket ticket = new ProcessingExecutor.Ticket();
    private BtClient client;

    BtFetchSession(BtEngine engine, TorrentId id, Duration stallTimeout, java.util.List<String> peers) {
        this.engine = engine;
        this.id = id;
        this.stallTimeout = stallTimeout;
        this.peers = java.util.List.copyOf(peers);
        this.signal = new FetchSignal(String.valueOf(id));
    }

    WantedPiecesSelector selector() {
        return selector;
    }

    void start(BtClient btClient) {
        this.client = btClient;
        ProcessingExecutor.submitting(ticket, () -> btClient.startAsync().whenComplete((result, error) -> {
            if (error != null) {
                metadata.completeExceptionally(error);
            }
            wake();
        }));
    }

    void metadataArrived(Torrent torrent) {
        try {
            metadata.complete(Metainfo.parseInfo(torrent.getSource().getExchangedMetadata()));
        } catch (BencodeException | RuntimeException e) {
            metadata.completeExceptionally(e);
        }
        wake();
    }

    void pieceVerified() {
        wake();
    }

    private void wake() {
        signal.wake();
    }

    @Override
    public Metainfo awaitMetadata(Duration timeout) throws EngineException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long lastDial = System.nanoTime();
        while (true) {
            checkCancelled();
            if (!metadata.isDone() && System.nanoTime() - lastDial > REFRESH_NANOS) {
                engine.redial(id, peers);
                lastDial = System.nanoTime();
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new EngineException("no peer served the metadata of torrent " + id + " within " + timeout, true);
            }
            try {
                return metadata.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // poll again: cancellation and the deadline are checked at the top
            } catch (ExecutionException e) {
                throw new EngineException("the metadata of torrent " + id + " is unusable: " + e.getCause().getMessage(),
                        false, e.getCause());
            }
        }
    }

    @Override
    public void awaitPieces(BitSet pieces, PieceProgress progress) throws EngineException, InterruptedException {
        Metainfo torrent = awaitMetadata(stallTimeout);
        DataDescriptor data = awaitData();
        LocalBitfield bitfield = data.getBitfield();
        selector.want(pieces);
        BitSet skipped = new BitSet(torrent.pieceCount());
        skipped.set(0, torrent.pieceCount());
        skipped.andNot(selector.wanted());
        bitfield.setSkippedPieces(skipped);
        engine.refresher().refresh(id);

        long totalBytes = torrent.lengthOf(pieces);
        int lastDone = -1;
        long lastProgressAt = System.nanoTime();
        long lastRefreshAt = lastProgressAt;
        long lastReconnectAt = lastProgressAt;
        while (true) {
            checkCancelled();
            BitSet done = bitfield.getBitmask();
            done.and(pieces);
            int doneCount = done.cardinality();
            if (doneCount != lastDone) {
                progress.update(doneCount, pieces.cardinality(), torrent.lengthOf(done), totalBytes);
                lastDone = doneCount;
                lastProgressAt = System.nanoTime();
            }
            if (doneCount == pieces.cardinality()) {
                return;
            }
            long idle = System.nanoTime() - lastProgressAt;
            if (idle > REFRESH_NANOS && System.nanoTime() - lastRefreshAt > REFRESH_NANOS) {
                // nothing for a while: make bt hand out fresh assignments again (see AssignmentRefresher)
                engine.refresher().refresh(id);
                engine.redial(id, peers);
                lastRefreshAt = System.nanoTime();
            }
            if (idle > RECONNECT_NANOS && System.nanoTime() - lastReconnectAt > RECONNECT_NANOS) {
                engine.reconnect(id, peers);
                lastReconnectAt = System.nanoTime();
            }
            if (idle > stallTimeout.toNanos()) {
                throw new EngineException("torrent " + id + ": no wanted piece arrived for " + stallTimeout + " ("
                        + doneCount + " of " + pieces.cardinality() + " pieces verified)", true);
            }
            signal.pause(POLL_MILLIS);
        }
    }

    private DataDescriptor awaitData() throws EngineException, InterruptedException {
        long end = System.nanoTime() + stallTimeout.toNanos();
        while (System.nanoTime() < end) {
            checkCancelled();
            var data = engine.dataOf(id);
            if (data.isPresent()) {
                return data.get();
            }
            signal.pause(20);
        }
        throw new EngineException("bt did not open the files of torrent " + id + " within " + stallTimeout, true);
    }

    @Override
    public BitSet verifiedPieces() {
        return engine.dataOf(id).map(d -> d.getBitfield().getBitmask()).orElseGet(BitSet::new);
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
        try {
            if (client != null) {
                engine.stopClient(id, client, ticket);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.fetchClosed(id, this);
        LOG.debug("Fetch of {} closed", id);
    }
}
