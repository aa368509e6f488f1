package org.archivist.storage.bittorrent.internal.engine;

import java.util.Optional;

import org.archivist.libtorrent4j.Libtorrent4jNative;
import org.archivist.storage.bittorrent.internal.engine.bt.BtEngine;
import org.archivist.storage.bittorrent.internal.engine.lt.LibtorrentEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the engine a configuration names. libtorrent needs its native library: where it does not load (another
 * platform than Linux x86_64), the node runs bt instead and says so at WARN.
 */
public final class TorrentEngines {
    private static final Logger LOG = LoggerFactory.getLogger(TorrentEngines.class);

    private TorrentEngines() {
    }

    /** An engine of the kind asked for (or bt, when libtorrent's native is unavailable), not started yet. */
    public static TorrentEngine unstarted(EngineKind kind, EngineSettings settings) {
        return exactly(usable(kind), settings);
    }

    /** An engine of exactly this kind, not started: no fallback (the engine tests use it, so as not to pass on bt). */
    static TorrentEngine exactly(EngineKind kind, EngineSettings settings) {
        return switch (kind) {
            case LIBTORRENT -> LibtorrentEngine.unstarted(settings);
            case BT -> BtEngine.unstarted(settings);
        };
    }

    /** An engine of the kind asked for (or bt, see {@link #unstarted}), started; a failed start throws. */
    public static TorrentEngine start(EngineKind kind, EngineSettings settings) throws EngineException {
        TorrentEngine engine = unstarted(kind, settings);
        engine.start();
        return engine;
    }

    /** The kind that will run: {@code kind}, or bt when libtorrent is asked for and its native does not load. */
    public static EngineKind usable(EngineKind kind) {
        if (kind == EngineKind.LIBTORRENT) {
            Optional<String> reason = Libtorrent4jNative.unavailableReason();
            if (reason.isPresent()) {
                LOG.warn("libtorrent's native library is not available here ({}): running the bt engine instead",
                        reason.get());
                return EngineKind.BT;
            }
        }
        return kind;
    }
}
