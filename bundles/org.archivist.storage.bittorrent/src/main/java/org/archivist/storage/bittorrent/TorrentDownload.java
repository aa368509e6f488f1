package org.archivist.storage.bittorrent;

import java.time.Duration;
import java.util.BitSet;

import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;

/** One running download of a whole torrent, from {@link TorrentDownloader#download}. */
public final class TorrentDownload implements AutoCloseable {
    private final FetchSession session;
    private volatile StatusTorrent torrent;

    TorrentDownload(FetchSession session) {
        this.session = session;
    }

    /** Waits for the torrent's info dictionary (BEP 9 from the peers, or known already). */
    public StatusTorrent awaitMetadata(Duration timeout) throws TorrentDownloadException, InterruptedException {
        try {
            torrent = StatusTorrent.of(session.awaitMetadata(timeout));
            return torrent;
        } catch (EngineException e) {
            throw typed(e);
        }
    }

    /**
     * Downloads every piece, blocking until all are verified on disk.
     *
     * @throws IllegalStateException before {@link #awaitMetadata} returned
     */
    public void awaitAll(Progress progress) throws TorrentDownloadException, InterruptedException {
        if (torrent == null) {
            throw new IllegalStateException("awaitAll before the metadata: call awaitMetadata first");
        }
        try {
            BitSet all = new BitSet();
            all.set(0, torrent.pieceCount());
            session.awaitPieces(all, progress::update);
        } catch (EngineException e) {
            throw typed(e);
        }
    }

    /** Stops the transfer; verified pieces stay on disk. */
    @Override
    public void close() {
        session.close();
    }

    static TorrentDownloadException typed(EngineException e) {
        return new TorrentDownloadException(e.getMessage(), e.retryable(), e);
    }

    /** Progress in pieces and bytes. */
    @FunctionalInterface
    public interface Progress {
        void update(int donePieces, int totalPieces, long doneBytes, long totalBytes);
    }
}
