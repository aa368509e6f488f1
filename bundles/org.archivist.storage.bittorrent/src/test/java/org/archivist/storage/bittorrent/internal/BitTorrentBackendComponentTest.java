package org.archivist.storage.bittorrent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.storage.BackendStatus;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.storage.bittorrent.internal.testing.Archives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS component as SCR would build it from a configuration; stopped and started again it resumes seeding. */
class BitTorrentBackendComponentTest {

    @TempDir
    Path tmp;

    @Test
    void theComponentBuildsTheBackendFromItsConfigurationAndResumesSeedingAfterARestart() throws Exception {
        BitTorrentBackendComponent.Config config = config(Map.of(
                "dataDir", tmp.resolve("archivedata").toString(),
                "torrentDir", tmp.resolve("torrents").toString(),
                "bindAddress", "127.0.0.1", "listenPort", 0, "dht", false, "useTrackers", false,
                "downloadRateLimit", 4_000_000L, "uploadRateLimit", 3_000_000L));
        BitTorrentSettings settings = BitTorrentBackendComponent.settings(config);
        assertEquals(tmp.resolve("archivedata"), settings.dataDir());
        assertEquals(2, settings.trackers().size());
        assertEquals("127.0.0.1", BitTorrentBackendComponent.engineSettings(config).bindAddress().getHostAddress());
        assertEquals(4_000_000L, BitTorrentBackendComponent.engineSettings(config).downloadRateLimit());
        assertEquals(3_000_000L, BitTorrentBackendComponent.engineSettings(config).uploadRateLimit());

        BitTorrentBackendComponent first = new BitTorrentBackendComponent(config, null);
        assertEquals(BackendStatus.State.DOWN, first.status().state(), "nothing starts before activation");
        first.start();
        String link;
        try {
            assertEquals(MagnetLinkFormat.KIND, first.linkFormat().kind());
            first.backend();
            assertEquals(BackendStatus.State.UP, first.status().state());
            link = Archives.publish(first, Archives.COMMUNITY, 0, new int[][] {{2, 500}}, 1).link();
            assertTrue(first.backend().isSeeding(Archives.COMMUNITY));
        } finally {
            first.deactivate();
        }
        BitTorrentBackendComponent second = new BitTorrentBackendComponent(config, null);
        second.start();
        try {
            long end = System.nanoTime() + 30_000_000_000L;
            while (!second.backend().isSeeding(Archives.COMMUNITY) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertTrue(second.backend().isSeeding(Archives.COMMUNITY), "seeding resumed when the component came back");
            assertEquals(Optional.of(link), second.currentLink(Archives.COMMUNITY));
        } finally {
            second.deactivate();
        }
    }

    /** A Config as SCR makes it: the given values, the annotation's defaults for the rest. */
    static BitTorrentBackendComponent.Config config(Map<String, Object> values) {
        return (BitTorrentBackendComponent.Config) Proxy.newProxyInstance(
                BitTorrentBackendComponent.Config.class.getClassLoader(),
                new Class<?>[] {BitTorrentBackendComponent.Config.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    if (method.getName().equals("annotationType")) {
                        return BitTorrentBackendComponent.Config.class;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
