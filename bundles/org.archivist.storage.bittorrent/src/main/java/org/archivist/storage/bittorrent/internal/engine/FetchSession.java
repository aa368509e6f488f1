package org.archivist.storage.bittorrent.internal.engine;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CancellationException;

import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;

/**
 * One running member download. The wanted pieces only grow: what was asked for stays wanted (and served
 * to others) until the session is closed.
 */
public interface FetchSession extends AutoCloseable {

    /** Waits for the torrent's info dict (BEP 9 from the peers, or known already). */
    Metainfo awaitMetadata(Duration timeout) throws EngineException, InterruptedException;

    /**
     * Asks for the pieces and blocks until every one of them is verified on disk.
     *
     * @throws CancellationException after {@link #cancel()}
     * @throws EngineException       (retryable) when no wanted piece arrived within the engine's stall timeout
     */
    void awaitPieces(BitSet pieces, PieceProgress progress) throws EngineException, InterruptedException;

    /** The pieces verified on disk so far. */
    BitSet verifiedPieces();

    /** Makes blocked and later calls throw {@link CancellationException}. */
    void cancel();

    /** Stops the transfer; verified pieces stay on disk. */
    @Override
    void close();

    /** Progress of one {@link #awaitPieces} call, in pieces and bytes. */
    @FunctionalInterface
    interface PieceProgress {
        PieceProgress NONE = (donePieces, totalPieces, doneBytes, totalBytes) -> { };

        void update(int donePieces, int totalPieces, long doneBytes, long totalBytes);
    }
}
