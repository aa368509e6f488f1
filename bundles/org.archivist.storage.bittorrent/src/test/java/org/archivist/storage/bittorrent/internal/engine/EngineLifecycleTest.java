package org.archivist.storage.bittorrent.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.archivist.storage.bittorrent.internal.metainfo.MagnetLink;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each engine's state is observable: new, running, failed (with the cause), closed. */
class EngineLifecycleTest {
    private static final String MAGNET = "magnet:?xt=urn:btih:" + "ab".repeat(20);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void runsThenCloses(EngineKind kind) throws Exception {
        TorrentEngine engine = EngineFixtures.unstarted(kind, EngineSettings.loopback());
        assertEquals(EngineState.NEW, engine.state());
        engine.start();
        engine.start(); // idempotent
        assertEquals(EngineState.RUNNING, engine.state());
        assertTrue(engine.failure().isEmpty());
        engine.close();
        assertEquals(EngineState.CLOSED, engine.state());
        EngineException e = assertThrows(EngineException.class, () -> engine.fetch(MagnetLink.parse(MAGNET), tmp));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aPortInUseFailsTheStartWithItsCauseAndTheEngineSaysSo(EngineKind kind) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            TorrentEngine engine = EngineFixtures.unstarted(kind,
                    EngineSettings.loopback().withPort(taken.getLocalPort()));
            EngineException e = assertThrows(EngineException.class, engine::start);
            assertFalse(e.retryable());
            assertEquals(EngineState.FAILED, engine.state());
            assertTrue(engine.failure().isPresent());
            assertEquals(e.getCause(), engine.failure().get());
            EngineException again = assertThrows(EngineException.class, engine::start);
            assertEquals(e.getCause(), again.getCause());
            EngineException fetch = assertThrows(EngineException.class,
                    () -> engine.fetch(MagnetLink.parse(MAGNET), tmp));
            assertTrue(fetch.getMessage().startsWith("the BitTorrent engine is failed"), fetch.getMessage());
            engine.close();
        }
    }
}
