package org.archivist.storage.codex.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.api.content.CancelSignal;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.InvalidLinkException;
import org.archivist.api.content.TransferProgress;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files on the Codex emulator through the blob SPI: 50 MB both ways, resume, the sender gone, 30+ days kept. */
class CodexBlobStoreTest {
    @TempDir
    Path tmp;
    private final CodexBackendTest.TestClock clock = new CodexBackendTest.TestClock();
    private CodexEmulator ownerNode;
    private CodexClient ownerClient;
    private CodexBlobStore owner;

    @BeforeEach
    void start() throws Exception {
        ownerNode = CodexEmulator.start(EmulatorConfig.builder().clock(clock).blockTtl(Duration.ofDays(30))
                .maintenanceInterval(Duration.ZERO).blockRetries(1).build());
        ownerClient = client(ownerNode);
        owner = new CodexBlobStore(ownerClient, tmp.resolve("owner-blobs"), Duration.ofDays(7), clock);
    }

    @AfterEach
    void stop() {
        ownerClient.close();
        ownerNode.close();
    }

    private static CodexClient client(CodexEmulator node) {
        return CodexClient.create(CodexClientConfig.builder(node.baseUri()).maxAttempts(2)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build());
    }

    private CodexEmulator member(CodexEmulator peer) throws Exception {
        return CodexEmulator.start(EmulatorConfig.builder().clock(clock).maintenanceInterval(Duration.ZERO)
                .blockRetries(2).retryDelay(Duration.ofMillis(10)).peer(peer.baseUri()).build());
    }

    private Path file(String name, int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(tmp.resolve(name), b);
    }

    @Test
    void aFiftyMegabyteFileIsPublishedAndFetchedByAMemberOnAnotherNode() throws Exception {
        Path file = file("big.bin", 50 * 1024 * 1024, 1);
        String expected = owner.linkOf(file);
        AtomicLong sent = new AtomicLong();
        String link = owner.put(file, (done, total) -> sent.set(done), CancelSignal.NEVER);
        assertEquals(expected, link, "the link is known before the upload and is what the node answers");
        assertEquals(Files.size(file), sent.get());
        assertEquals(List.of(link), owner.kept());
        Files.delete(file);
        assertEquals(link, owner.put(owner.keptCopyForTest(link), TransferProgress.NONE, CancelSignal.NEVER),
                "storing the same bytes again gives the same link");

        try (CodexEmulator memberNode = member(ownerNode); CodexClient memberClient = client(memberNode)) {
            CodexBlobStore member = new CodexBlobStore(memberClient, tmp.resolve("member-blobs"), Duration.ofDays(7),
                    clock);
            Path target = tmp.resolve("fetched.bin");
            AtomicLong got = new AtomicLong();
            member.fetch(link, target, (done, total) -> got.set(done), CancelSignal.NEVER);
            assertEquals(50L * 1024 * 1024, got.get());
            assertArrayEquals(Files.readAllBytes(owner.keptCopyForTest(link)), Files.readAllBytes(target));
        }
    }

    @Test
    void anInterruptedFetchLeavesNoTargetAndTheNextOneCompletes() throws Exception {
        Path file = file("f.bin", 3 * 1024 * 1024, 2);
        String link = owner.put(file, TransferProgress.NONE, CancelSignal.NEVER);
        Path target = tmp.resolve("out.bin");
        try (CodexEmulator memberNode = member(ownerNode); CodexClient memberClient = client(memberNode)) {
            CodexBlobStore member = new CodexBlobStore(memberClient, tmp.resolve("member-blobs"), Duration.ofDays(7),
                    clock);
            memberNode.faults().stallNext(1, 1024 * 1024);
            TestCancel cancel = new TestCancel();
            CompletableFuture<Void> stopper = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cancel.cancel();
            });
            assertThrows(CancellationException.class,
                    () -> member.fetch(link, target, TransferProgress.NONE, cancel));
            stopper.get(5, TimeUnit.SECONDS);
            assertFalse(Files.exists(target), "nothing unverified reaches the target");
            memberNode.faults().clear();
            member.fetch(link, target, TransferProgress.NONE, CancelSignal.NEVER);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(target));
        }
    }

    @Test
    void aFileStaysFetchableWhenTheSenderIsOfflineBecauseAnotherNodeHoldsIt() throws Exception {
        Path file = file("f.bin", 2 * 1024 * 1024 + 17, 3);
        String link = owner.put(file, TransferProgress.NONE, CancelSignal.NEVER);
        try (CodexEmulator firstNode = member(ownerNode); CodexClient firstClient = client(firstNode)) {
            new CodexBlobStore(firstClient, tmp.resolve("first"), Duration.ofDays(7), clock)
                    .fetch(link, tmp.resolve("first.bin"), TransferProgress.NONE, CancelSignal.NEVER);
            ownerNode.faults().offline(true);
            try (CodexEmulator lateNode = member(firstNode); CodexClient lateClient = client(lateNode)) {
                CodexBlobStore late = new CodexBlobStore(lateClient, tmp.resolve("late"), Duration.ofDays(7), clock);
                late.fetch(link, tmp.resolve("late.bin"), TransferProgress.NONE, CancelSignal.NEVER);
                assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(tmp.resolve("late.bin")));
            }
            try (CodexEmulator orphanNode = member(ownerNode); CodexClient orphanClient = client(orphanNode)) {
                CodexBlobStore orphan = new CodexBlobStore(orphanClient, tmp.resolve("orphan"), Duration.ofDays(7),
                        clock);
                ContentException e = assertThrows(ContentException.class, () -> orphan.fetch(link,
                        tmp.resolve("orphan.bin"), TransferProgress.NONE, CancelSignal.NEVER));
                assertTrue(e.retryable(), "nobody serving it now may change: " + e.getMessage());
            }
        }
    }

    @Test
    void keptFilesOutliveTheNodesTtlWhileAnUnkeptUploadExpires() throws Exception {
        String kept = owner.put(file("kept.bin", 300_000, 4), TransferProgress.NONE, CancelSignal.NEVER);
        String unkept = ownerClient.upload(file("unkept.bin", 300_000, 5));
        for (int day = 1; day <= 45; day++) {
            clock.advance(Duration.ofDays(1));
            owner.refreshDue();
            ownerNode.runMaintenance();
        }
        assertTrue(ownerClient.exists(kept), "45 days after the upload the kept file is on the node");
        Path back = tmp.resolve("back.bin");
        owner.fetch(kept, back, TransferProgress.NONE, CancelSignal.NEVER);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("kept.bin")), Files.readAllBytes(back));
        assertFalse(ownerClient.exists(unkept), "an upload nobody refreshes is gone after the 30-day TTL");

        owner.release(kept);
        assertEquals(List.of(), owner.kept());
        assertFalse(ownerClient.exists(kept));
    }

    @Test
    void aBlobTheNodeLostIsPutBackAtTheNextRefresh() throws Exception {
        String link = owner.put(file("a.bin", 100_000, 6), TransferProgress.NONE, CancelSignal.NEVER);
        ownerClient.delete(link);
        clock.advance(Duration.ofDays(7));
        owner.refreshDue();
        assertTrue(ownerClient.exists(link));
    }

    @Test
    void badLinksAreTypedErrors() throws Exception {
        assertFalse(owner.recognizes("magnet:?xt=urn:btih:" + "0".repeat(40)));
        assertFalse(owner.recognizes("zDzSvJTezk7bJNQqFq8k1iHXY84psNuUfZVusA5bBQQUSuyzDSVL"), "a tree CID");
        InvalidLinkException e = assertThrows(InvalidLinkException.class, () -> owner.fetch("not-a-cid",
                tmp.resolve("x"), TransferProgress.NONE, CancelSignal.NEVER));
        assertFalse(e.retryable());
        assertThrows(IllegalArgumentException.class, () -> owner.put(tmp.resolve("missing"), TransferProgress.NONE,
                CancelSignal.NEVER));
    }

    /** A cancel signal a test trips. */
    static final class TestCancel implements CancelSignal {
        private volatile boolean cancelled;
        private final java.util.Set<Runnable> actions = java.util.concurrent.ConcurrentHashMap.newKeySet();

        void cancel() {
            cancelled = true;
            actions.forEach(Runnable::run);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public Registration onCancel(Runnable abort) {
            actions.add(abort);
            if (cancelled) {
                abort.run();
            }
            return () -> actions.remove(abort);
        }
    }
}
