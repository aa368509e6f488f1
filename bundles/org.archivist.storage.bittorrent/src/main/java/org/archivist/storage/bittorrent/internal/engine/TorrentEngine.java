package org.archivist.storage.bittorrent.internal.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.archivist.storage.bittorrent.internal.metainfo.MagnetLink;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;

/**
 * A BitTorrent engine behind the backend, so that it can be swapped. Files live at
 * {@code <dataDir>/<torrent name>/<path>}, the layout status-go and every client use.
 */
public interface TorrentEngine extends AutoCloseable {

    /**
     * Starts the network side (listener, runtime, DHT). Idempotent once running. Any failure, {@link Error}s
     * included (a class the embedding left out, a port in use), is logged at ERROR, leaves the engine
     * {@link EngineState#FAILED} with {@link #failure()} set, and is thrown as a non-retryable
     * {@link EngineException} carrying it as the cause.
     */
    void start() throws EngineException;

    /** The engine's state now: a backend reports itself down unless this is {@link EngineState#RUNNING}. */
    EngineState state();

    /** Why the engine is {@link EngineState#FAILED}; empty in any other state. */
    Optional<Throwable> failure();

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

    /** The TCP port peers connect to (chosen before the start when the settings ask for a free one). */
    int port();

    /** The peer connections open now, over every torrent seeded or fetched (0 when the engine does not run). */
    int connectedPeers();

    /** The peer connections open now per torrent (infohash, 40 lower-case hex), torrents without one left out. */
    Map<String, Integer> connectedPeersByTorrent();

    /** Stops every torrent and the network. */
    @Override
    void close();
}
