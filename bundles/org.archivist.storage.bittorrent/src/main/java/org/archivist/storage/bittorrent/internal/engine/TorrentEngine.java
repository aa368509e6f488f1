package org.archivist.storage.bittorrent.internal.engine;

import java.nio.file.Path;

import org.archivist.storage.bittorrent.internal.metainfo.MagnetLink;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;

/**
 * A BitTorrent engine behind the backend, so that it can be swapped. Files live at
 * {@code <dataDir>/<torrent name>/<path>}, the layout status-go and every client use.
 */
public interface TorrentEngine extends AutoCloseable {

    /**
     * Serves a torrent whose files are complete on disk. Returns once the engine has checked them; fails
     * (not retryable) when they do not match the torrent's piece hashes. Seeding a torrent already seeded
     * is a no-op.
     */
    void seed(Metainfo torrent, Path dataDir) throws EngineException, InterruptedException;

    /** Stops serving the torrent with this infohash (40 hex); unknown hashes are ignored. */
    void unseed(String infoHashHex) throws InterruptedException;

    boolean isSeeding(String infoHashHex);

    /**
     * Starts a member download: nothing is transferred but the metadata until pieces are asked for. Pieces
     * already verified on disk (a previous, interrupted download) are kept.
     */
    FetchSession fetch(MagnetLink magnet, Path dataDir) throws EngineException;

    /** The TCP port peers connect to. */
    int port();

    /** Stops every torrent and the network. */
    @Override
    void close();
}
