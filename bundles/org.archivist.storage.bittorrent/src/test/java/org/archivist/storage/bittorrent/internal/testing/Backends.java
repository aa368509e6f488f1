package org.archivist.storage.bittorrent.internal.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.archivist.storage.bittorrent.internal.BitTorrentBackend;
import org.archivist.storage.bittorrent.internal.BitTorrentSettings;
import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.EngineKind;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngines;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;

/**
 * Backends on loopback (no DHT, no trackers) with their files under one directory, on the default engine
 * ({@code -Darchivist.test.engine=bt} runs the backend tests on bt).
 */
public final class Backends {
    /** The engine the backend tests run on. */
    public static final EngineKind ENGINE = EngineKind.parse(System.getProperty("archivist.test.engine",
            EngineKind.DEFAULT.configName()));

    private Backends() {
    }

    public static BitTorrentSettings settings(Path root, Duration metadataTimeout, List<String> peers) {
        return new BitTorrentSettings(root.resolve("archivedata"), root.resolve("torrents"), Metainfo.STATUS_TRACKERS,
                "0x04" + "00".repeat(64), metadataTimeout, peers, true);
    }

    public static BitTorrentBackend start(Path root, List<String> peers) throws EngineException {
        return start(settings(root, Duration.ofSeconds(30), peers), EngineSettings.loopback());
    }

    public static BitTorrentBackend start(BitTorrentSettings settings, EngineSettings engine) throws EngineException {
        BitTorrentBackend backend = new BitTorrentBackend(settings, TorrentEngines.start(ENGINE, engine), Optional.empty(),
                Clock.systemUTC());
        backend.resumeSeeding();
        return backend;
    }
}
