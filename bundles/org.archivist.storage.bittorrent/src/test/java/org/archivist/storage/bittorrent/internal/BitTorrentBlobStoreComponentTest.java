package org.archivist.storage.bittorrent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.archivist.api.content.CancelSignal;
import org.archivist.api.content.TransferProgress;
import org.archivist.api.storage.BackendStatus;
import org.archivist.storage.bittorrent.internal.engine.EngineKind;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store component runs the engine its configuration names (libtorrent by default), as the backend does. */
class BitTorrentBlobStoreComponentTest {
    @TempDir
    Path tmp;

    @Test
    void theDefaultEngineIsLibtorrentWhereItsNativeLoads() throws Exception {
        assertRunsAs(TorrentEngines.usable(EngineKind.LIBTORRENT), Map.of());
    }

    @Test
    void engineBtRunsBt() throws Exception {
        assertRunsAs(EngineKind.BT, Map.of("engine", "bt"));
    }

    @Test
    void anUnknownEngineFailsTheActivation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BitTorrentBlobStoreComponent(config(Map.of("engine", "transmission"))));
        assertTrue(e.getMessage().contains("libtorrent or bt"), e.getMessage());
    }

    /** A blob put through the component lands where the expected engine keeps it, and is served. */
    private void assertRunsAs(EngineKind kind, Map<String, Object> values) throws Exception {
        Map<String, Object> all = new HashMap<>(values);
        all.put("blobDir", tmp.resolve("blobs").toString());
        all.put("bindAddress", "127.0.0.1");
        all.put("listenPort", 0);
        all.put("dht", false);
        BitTorrentBlobStoreComponent component = new BitTorrentBlobStoreComponent(config(all));
        component.start();
        try {
            Path file = Files.write(tmp.resolve("f.bin"), new byte[300_000]);
            String link = component.put(file, TransferProgress.NONE, CancelSignal.NEVER);
            assertEquals(BackendStatus.State.UP, component.status().state(), component.status().toString());
            String hash = link.substring("magnet:?xt=urn:btih:".length(), "magnet:?xt=urn:btih:".length() + 40);
            Path blobDir = tmp.resolve("blobs").resolve(hash);
            assertTrue(Files.isRegularFile(BlobLayout.of(kind).content(blobDir)), "the " + kind + " layout");
            BlobLayout other = BlobLayout.of(kind == EngineKind.BT ? EngineKind.LIBTORRENT : EngineKind.BT);
            assertFalse(Files.exists(other.content(blobDir)));
        } finally {
            component.deactivate();
        }
    }

    /** A Config as SCR makes it: the given values, the annotation's defaults for the rest. */
    static BitTorrentBlobStoreComponent.Config config(Map<String, Object> values) {
        return (BitTorrentBlobStoreComponent.Config) Proxy.newProxyInstance(
                BitTorrentBlobStoreComponent.Config.class.getClassLoader(),
                new Class<?>[] {BitTorrentBlobStoreComponent.Config.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    if (method.getName().equals("annotationType")) {
                        return BitTorrentBlobStoreComponent.Config.class;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
