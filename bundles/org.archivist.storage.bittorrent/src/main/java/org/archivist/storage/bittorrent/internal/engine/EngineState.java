package org.archivist.storage.bittorrent.internal.engine;

/** Where an engine is in its life; a backend whose engine is not {@link #RUNNING} is down. */
public enum EngineState {
    /** Created, not started yet. */
    NEW,
    /** Starting (binding ports, building the runtime, joining the DHT). */
    STARTING,
    /** Serving and fetching torrents. */
    RUNNING,
    /** The start failed, or the engine died; {@link TorrentEngine#failure()} says why. */
    FAILED,
    /** Closed on purpose. */
    CLOSED
}
