package org.archivist.storage.codex.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.storage.codex.cid.CodexLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against the emulator speaking the current Logos Storage line, plus its download ids. */
class CodexClientStorageLineEmulatorTest extends CodexClientContract {
    private static CodexEmulator node;
    private static CodexClient client;

    @BeforeAll
    static void start() throws IOException {
        node = CodexEmulator.start(EmulatorConfig.builder().apiPrefix(EmulatorConfig.STORAGE_PREFIX)
                .maintenanceInterval(Duration.ZERO).blockRetries(1).build());
        client = CodexClient.create(CodexClientEmulatorTest.fastRetries(node).build()); // line detected
    }

    @AfterAll
    static void stop() {
        client.close();
        node.close();
    }

    @Override
    CodexClient client() {
        return client;
    }

    @Test
    void theLineIsDetectedFromTheNode() throws Exception {
        assertEquals(CodexLine.STORAGE_V1, client.line());
        assertTrue(client.apiRoot().toString().endsWith("/api/storage/v1"));
        try (CodexClient byPrefix = CodexClient.create(URI.create(node.baseUri() + "/api/storage/v1"))) {
            assertEquals(CodexLine.STORAGE_V1, byPrefix.line());
        }
    }

    @Test
    void aClientConfiguredForTheOlderLineRejectsTheNewCidsInsteadOfAcceptingThem() throws Exception {
        try (CodexClient wrong = CodexClient.create(CodexClientConfig.builder(node.baseUri())
                .line(CodexLine.CODEX_V1).apiPrefix("/api/storage/v1").maxAttempts(1).build())) {
            Path source = file("wrong.bin", 1000, 3);
            CodexIntegrityException e = assertThrows(CodexIntegrityException.class, () -> wrong.upload(source));
            assertTrue(e.getMessage().contains("did not store"), e.getMessage());
            // downloads are verified against the tree CID, so they work whatever line the client assumed
            String cid = client.upload(source);
            assertArrayEquals(sha256(source), sha256(wrong.download(cid, tmp.resolve("wrong.out")).file()));
        }
    }

    @Test
    void aMemberFetchesInTheBackgroundWithProgressAndCancel() throws Exception {
        try (CodexEmulator owner = CodexEmulator.start(EmulatorConfig.builder().apiPrefix(EmulatorConfig.STORAGE_PREFIX)
                .maintenanceInterval(Duration.ZERO).build());
                CodexEmulator member = CodexEmulator.start(EmulatorConfig.builder()
                        .apiPrefix(EmulatorConfig.STORAGE_PREFIX).peer(owner.baseUri()).maintenanceInterval(Duration.ZERO)
                        .build());
                CodexClient ownerClient = CodexClient.create(owner.baseUri());
                CodexClient memberClient = CodexClient.create(member.baseUri())) {
            Path source = file("bg.bin", 40 * 4096, 21);
            String cid = ownerClient.upload(source, UploadOptions.DEFAULT.blockSize(4096));
            owner.faults().latency(100); // every block the member asks for takes 100 ms
            NetworkFetch first = memberClient.startFetch(cid);
            NetworkFetch again = memberClient.startFetch(cid);
            assertEquals(first.downloadId(), again.downloadId(), "a running download is shared");
            FetchProgress p = memberClient.fetchProgress(first);
            assertTrue(p.active(), p.toString());
            assertEquals(40, p.totalBlocks());
            assertTrue(memberClient.cancelFetch(first));
            assertFalse(memberClient.fetchProgress(first).active());
            assertFalse(memberClient.cancelFetch(first), "a cancelled download is gone");
            owner.faults().latency(0);
            NetworkFetch third = memberClient.startFetch(cid);
            assertTrue(third.downloadId().getAsLong() > first.downloadId().getAsLong(), "ids are never reused");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (memberClient.fetchProgress(third).active() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(memberClient.fetchProgress(third).active());
            Path copy = memberClient.download(cid, tmp.resolve("bg.out"), DownloadOptions.DEFAULT
                    .source(DownloadOptions.Source.LOCAL)).file();
            assertArrayEquals(sha256(source), sha256(copy));
        }
    }
}
