package org.archivist.storage.codex.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against the emulator, plus what only an emulator can do: inject faults, run two nodes. */
class CodexClientEmulatorTest extends CodexClientContract {
    private static CodexEmulator node;
    private static CodexClient client;

    @BeforeAll
    static void start() throws IOException {
        node = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO).blockRetries(1).build());
        client = CodexClient.create(fastRetries(node).build());
    }

    static CodexClientConfig.Builder fastRetries(CodexEmulator n) {
        return CodexClientConfig.builder(n.baseUri()).maxAttempts(3).backoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .readTimeout(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        client.close();
        node.close();
    }

    @AfterEach
    void clearFaults() {
        node.faults().clear();
    }

    @Override
    CodexClient client() {
        return client;
    }

    private void assertNoPartFiles() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
            assertEquals(List.of(), parts, "temporary files left behind");
        }
    }

    @Test
    void transient500sAreRetried() throws Exception {
        node.faults().failNext(2);
        assertTrue(client.space().quotaMaxBytes() > 0);
        Path source = file("retry.bin", 100_000, 3);
        node.faults().failNext(2);
        String cid = client.upload(source);
        node.faults().failNext(2);
        client.download(cid, tmp.resolve("retry.out"));
        assertArrayEquals(sha256(source), sha256(tmp.resolve("retry.out")));
    }

    @Test
    void persistent500sEndInAClearErrorAndNoFile() throws Exception {
        Path source = file("fail.bin", 1000, 4);
        String cid = client.upload(source);
        node.faults().failAlways(true);
        CodexServerException e = assertThrows(CodexServerException.class, () -> client.download(cid, tmp.resolve("f")));
        assertEquals(500, e.status());
        assertFalse(Files.exists(tmp.resolve("f")));
        assertNoPartFiles();
    }

    @Test
    void aTruncatedDownloadIsRetriedFromTheStart() throws Exception {
        Path source = file("trunc.bin", 300_000, 5);
        String cid = client.upload(source);
        node.faults().truncateNext(1, 100_000);
        AtomicInteger restarts = new AtomicInteger();
        long[] last = {0};
        client.download(cid, tmp.resolve("trunc.out"), DownloadOptions.DEFAULT.progress((done, total) -> {
            if (done < last[0]) {
                restarts.incrementAndGet();
            }
            last[0] = done;
        }));
        assertEquals(1, restarts.get());
        assertArrayEquals(sha256(source), sha256(tmp.resolve("trunc.out")));
        assertNoPartFiles();
    }

    @Test
    void truncationEveryTimeFailsAndLeavesTheOldTargetUntouched() throws Exception {
        Path source = file("trunc2.bin", 300_000, 6);
        String cid = client.upload(source);
        Path target = Files.writeString(tmp.resolve("existing"), "previous content");
        node.faults().truncateNext(10, 65_536);
        CodexIntegrityException e = assertThrows(CodexIntegrityException.class, () -> client.download(cid, target));
        assertTrue(e.getMessage().contains("closed the connection early") || e.getMessage().contains("truncated"),
                e.getMessage());
        assertEquals("previous content", Files.readString(target));
        assertNoPartFiles();
    }

    @Test
    void corruptContentIsDetected() throws Exception {
        Path source = file("corrupt.bin", 70_000, 8);
        String cid = client.upload(source);
        try (Stream<Path> blocks = Files.list(node.dataDir().resolve("blocks"))) {
            for (Path block : blocks.filter(p -> p.getFileName().toString().startsWith("zDx")).toList()) {
                byte[] b = Files.readAllBytes(block);
                if (b.length == 65536) {
                    b[10] ^= 1; // flip a bit in every data block on the node's disk
                    Files.write(block, b);
                }
            }
        }
        CodexIntegrityException e = assertThrows(CodexIntegrityException.class,
                () -> client.download(cid, tmp.resolve("corrupt.out")));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("corrupt.out")));
        assertNoPartFiles();
        client.delete(cid);
    }

    @Test
    void aHangingNodeTimesOut() throws Exception {
        try (CodexClient impatient = CodexClient.create(fastRetries(node).readTimeout(Duration.ofMillis(300))
                .maxAttempts(2).build())) {
            node.faults().hang(true);
            assertThrows(CodexTimeoutException.class, impatient::space);
        }
    }

    @Test
    void aTransferStuckMidBodyTimesOutAndIsRetried() throws Exception {
        Path source = file("stall.bin", 200_000, 12);
        String cid = client.upload(source);
        try (CodexClient impatient = CodexClient.create(fastRetries(node).readTimeout(Duration.ofMillis(300)).build())) {
            node.faults().stallNext(1, 65_536);
            Downloaded d = impatient.download(cid, tmp.resolve("stall.out"), DownloadOptions.DEFAULT
                    .source(DownloadOptions.Source.LOCAL));
            assertArrayEquals(sha256(source), sha256(d.file()));
            node.faults().stallNext(5, 1000);
            assertThrows(CodexTimeoutException.class, () -> impatient.download(cid, tmp.resolve("stall2.out"),
                    DownloadOptions.DEFAULT.source(DownloadOptions.Source.LOCAL)));
            assertFalse(Files.exists(tmp.resolve("stall2.out")));
            assertNoPartFiles();
        }
    }

    @Test
    void theWholeRequestTimeoutBoundsSlowAnswers() throws Exception {
        try (CodexClient impatient = CodexClient.create(fastRetries(node).requestTimeout(Duration.ofMillis(300))
                .maxAttempts(1).build())) {
            node.faults().latency(2000);
            CodexTimeoutException e = assertThrows(CodexTimeoutException.class, impatient::space);
            assertTrue(e.getMessage().contains("request timeout"), e.getMessage());
        }
    }

    @Test
    void anOfflineNodeIsUnavailable() throws Exception {
        node.faults().offline(true);
        CodexUnavailableException e = assertThrows(CodexUnavailableException.class, client::space);
        assertTrue(e.retryable());
    }

    @Test
    void aStoppedNodeIsUnavailable() throws Exception {
        CodexEmulator gone = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO).build());
        gone.close();
        try (CodexClient c = CodexClient.create(fastRetries(gone).build())) {
            assertThrows(CodexUnavailableException.class, c::space);
        }
    }

    @Test
    void cancellationAbortsAHangingDownload() throws Exception {
        Path source = file("cancel.bin", 1000, 9);
        String cid = client.upload(source);
        node.faults().hang(true);
        Cancellation cancel = new Cancellation();
        CompletableFuture<Downloaded> running = CompletableFuture.supplyAsync(() -> {
            try {
                return client.download(cid, tmp.resolve("cancel.out"), DownloadOptions.DEFAULT
                        .source(DownloadOptions.Source.LOCAL).cancellation(cancel));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(200);
        cancel.cancel();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> running.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof CancellationException, e.getCause().toString());
        assertFalse(Files.exists(tmp.resolve("cancel.out")));
    }

    @Test
    void aMemberNodeFetchesFromItsPeerAndNotFromAnOfflineOne() throws Exception {
        Path source = file("shared.bin", 200_000, 10);
        String cid = client.upload(source);
        try (CodexEmulator member = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                .blockRetries(2).retryDelay(Duration.ofMillis(10)).peer(node.baseUri()).build());
                CodexClient memberClient = CodexClient.create(fastRetries(member).build())) {
            assertFalse(memberClient.exists(cid));
            Downloaded d = memberClient.download(cid, tmp.resolve("shared.out"));
            assertArrayEquals(sha256(source), sha256(d.file()));
            assertTrue(memberClient.exists(cid)); // fetched blocks are kept
            memberClient.download(cid, tmp.resolve("shared.local"), DownloadOptions.DEFAULT
                    .source(DownloadOptions.Source.LOCAL));

            Path other = file("other.bin", 1000, 11);
            String otherCid = client.upload(other);
            node.faults().offline(true);
            CodexNotFoundException e = assertThrows(CodexNotFoundException.class,
                    () -> memberClient.download(otherCid, tmp.resolve("other.out")));
            assertTrue(e.getMessage().contains("no peer could serve it"), e.getMessage());
            node.faults().clear();
            ManifestInfo fetched = memberClient.fetch(otherCid);
            assertEquals(1000, fetched.datasetSize());
            assertTrue(memberClient.exists(otherCid), "the manifest is local as soon as fetch answers");
            // the blocks arrive in the background: poll (with a deadline) until a local download succeeds
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Downloaded local = null;
            while (local == null && System.nanoTime() < deadline) {
                try {
                    local = memberClient.download(otherCid, tmp.resolve("other.local"), DownloadOptions.DEFAULT
                            .source(DownloadOptions.Source.LOCAL));
                } catch (CodexIntegrityException notYet) {
                    Thread.sleep(20);
                }
            }
            assertArrayEquals(sha256(other), sha256(tmp.resolve("other.local")));
        }
    }
}
