package org.archivist.storage.bittorrent.internal.engine.bt;

import java.util.function.Supplier;

import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngine;

/**
 * Run inside a {@code BundleClassLoader}: starts an engine with the DHT on, bound to loopback, with no
 * bootstrap node (nothing leaves the machine), and reports "state|port|start error|failure".
 */
public final class EngineStartProbe implements Supplier<String> {
    @Override
    public String get() {
        TorrentEngine engine = BtEngine.unstarted(EngineSettings.loopback().withDht(false));
        String thrown = "";
        try {
            engine.start();
        } catch (EngineException e) {
            thrown = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        try {
            return engine.state() + "|" + engine.port() + "|" + thrown + "|"
                    + engine.failure().map(Throwable::toString).orElse("");
        } finally {
            engine.close();
        }
    }
}
