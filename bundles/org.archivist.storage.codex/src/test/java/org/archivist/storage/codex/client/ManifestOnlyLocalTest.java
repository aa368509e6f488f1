package org.archivist.storage.codex.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that holds a dataset's manifest but not its blocks (a member looked at the manifest first) says the CID
 * exists; the default download must then fetch the blocks through the network, not give up on the local 404.
 */
class ManifestOnlyLocalTest {
    @TempDir
    Path tmp;

    @Test
    void aLocalManifestWithoutBlocksIsDownloadedThroughTheNetwork() throws Exception {
        byte[] data = new byte[150_000];
        new Random(7).nextBytes(data);
        try (CodexEmulator owner = CodexEmulator.start(EmulatorConfig.builder().build());
                CodexEmulator member = CodexEmulator.start(EmulatorConfig.builder().peer(owner.baseUri())
                        .blockRetries(2).retryDelay(Duration.ofMillis(10)).build());
                CodexClient up = CodexClient.create(CodexClientConfig.builder(owner.baseUri()).build());
                CodexClient down = CodexClient.create(CodexClientConfig.builder(member.baseUri()).maxAttempts(1).build())) {
            Path file = Files.write(tmp.resolve("data"), data);
            String cid = up.upload(file, "data.bin", CodexClient.OCTET_STREAM);
            down.manifest(cid);
            assertTrue(down.exists(cid), "the manifest is local now");
            down.download(cid, tmp.resolve("got"));
            assertArrayEquals(data, Files.readAllBytes(tmp.resolve("got")));
        }
    }
}
