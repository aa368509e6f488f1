package org.archivist.storage.bittorrent.internal.engine.bt;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import bt.torrent.PieceStatistics;
import bt.torrent.selector.PieceSelector;

/**
 * Lets bt request only the pieces a member asked for (the index, then the archives it lacks), rarest first
 * among them. The set only grows while the download runs.
 */
final class WantedPiecesSelector implements PieceSelector {
    private final AtomicReference<BitSet> wanted = new AtomicReference<>(new BitSet());

    void want(BitSet pieces) {
        wanted.updateAndGet(old -> {
            BitSet next = (BitSet) old.clone();
            next.or(pieces);
            return next;
        });
    }

    BitSet wanted() {
        return (BitSet) wanted.get().clone();
    }

    @Override
    public IntStream getNextPieces(BitSet relevantChunks, PieceStatistics statistics) {
        BitSet candidates = (BitSet) relevantChunks.clone();
        candidates.and(wanted.get());
        return candidates.stream().boxed()
                .sorted((a, b) -> Integer.compare(statistics.getCount(a), statistics.getCount(b)))
                .mapToInt(Integer::intValue);
    }
}
