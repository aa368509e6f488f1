package org.archivist.storage.codex.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend against emulated nodes: the owner publishes and seeds, a member fetches through its own node. */
class CodexBackendTest {
    private static final CommunityId COMMUNITY = CommunityId.of("0x02" + "ab".repeat(32));

    @TempDir
    Path tmp;
    private final TestClock clock = new TestClock();
    private CodexEmulator ownerNode;
    private CodexClient ownerClient;
    private CodexBackend owner;

    @BeforeEach
    void start() throws Exception {
        ownerNode = CodexEmulator.start(EmulatorConfig.builder().clock(clock).maintenanceInterval(Duration.ZERO)
                .blockRetries(1).build());
        ownerClient = client(ownerNode);
        owner = new CodexBackend(ownerClient, tmp.resolve("owner-state"), Duration.ofDays(7), clock);
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

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private String publish(byte[] index, byte[]... blobs) throws StorageException {
        try (PublishSession session = owner.beginPublish(COMMUNITY)) {
            for (byte[] blob : blobs) {
                session.append(blob);
            }
            return session.commit(index);
        }
    }

    @Test
    void ownerPublishesAndMemberFetchesThroughItsOwnNode() throws Exception {
        assertEquals(org.archivist.core.link.IndexCidLinkFormat.KIND, owner.linkFormat().kind());
        assertEquals(org.archivist.api.storage.BackendStatus.State.STARTING, owner.status().state());
        assertEquals(org.archivist.api.storage.BackendStatus.State.UP, owner.probe().state());
        assertEquals(org.archivist.api.storage.BackendStatus.State.UP, owner.status().state());
        byte[] a1 = bytes(100_000, 1);
        byte[] a2 = bytes(5_000, 2);
        byte[] index = "index v1".getBytes(StandardCharsets.UTF_8);
        String link;
        ArchiveLocation l1;
        ArchiveLocation l2;
        try (PublishSession session = owner.beginPublish(COMMUNITY)) {
            assertEquals(Optional.empty(), session.existingIndex());
            l1 = session.append(a1);
            l2 = session.append(a2);
            link = session.commit(index);
        }
        assertTrue(link.startsWith("zDvZRwzm"));
        assertEquals(Optional.of(link), owner.currentLink(COMMUNITY));
        assertArrayEquals(a1, owner.readStored(COMMUNITY, l1));
        long local;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(tmp.resolve("owner-state"))) {
            local = files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertTrue(local > index.length, "the index and state are kept locally");
        assertEquals(local, owner.status().metrics().get(org.archivist.api.service.StorageUsage.STORED_BYTES_METRIC),
                "storedBytes: the files under the state directory, the node's blocks not counted");

        try (CodexEmulator memberNode = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                .blockRetries(2).retryDelay(Duration.ofMillis(10)).peer(ownerNode.baseUri()).build());
                CodexClient memberClient = client(memberNode)) {
            CodexBackend member = new CodexBackend(memberClient, tmp.resolve("member-state"), Duration.ofDays(7), clock);
            try (ArchiveDownload download = member.download(COMMUNITY, link)) {
                assertEquals(link, download.link());
                assertArrayEquals(index, download.index());
                AtomicLong seen = new AtomicLong();
                assertArrayEquals(a1, download.archive(l1, (done, total) -> seen.set(done)));
                assertEquals(100_000, seen.get());
                assertArrayEquals(a2, download.archive(l2, (done, total) -> { }));
            }
            assertTrue(memberNode.hasLocally(((ArchiveLocation.ContentAddress) l1).cid()));
        }
    }

    @Test
    void aSecondPublishSeesTheIndexAndKeepsEveryArchiveAcrossRestarts() throws Exception {
        String first = publish("v1".getBytes(StandardCharsets.UTF_8), bytes(1000, 3));
        String second;
        try (PublishSession session = owner.beginPublish(COMMUNITY)) {
            assertArrayEquals("v1".getBytes(StandardCharsets.UTF_8), session.existingIndex().orElseThrow());
            session.append(bytes(2000, 4));
            second = session.commit("v2".getBytes(StandardCharsets.UTF_8));
        }
        Path leftover = java.nio.file.Files.writeString(tmp.resolve("owner-state").resolve(COMMUNITY.hex())
                .resolve("tmp").resolve("blob123.tmp"), "interrupted upload");
        CodexBackend restarted = new CodexBackend(ownerClient, tmp.resolve("owner-state"), Duration.ofDays(7), clock);
        assertFalse(java.nio.file.Files.exists(leftover), "a restart cleans what an interrupted session left");
        assertEquals(Optional.of(second), restarted.currentLink(COMMUNITY));
        try (PublishSession session = restarted.beginPublish(COMMUNITY)) {
            assertArrayEquals("v2".getBytes(StandardCharsets.UTF_8), session.existingIndex().orElseThrow());
        }
        CommunityState state = new CommunityStore(tmp.resolve("owner-state")).load(COMMUNITY, org.archivist.storage.codex.cid.CodexLine.CODEX_V1);
        assertEquals(2, state.archiveCids().size());
        assertFalse(first.equals(second));
    }

    @Test
    void onlyOneSessionPerCommunityAndAnUncommittedOneLeavesNothing() throws Exception {
        String link = publish("v1".getBytes(StandardCharsets.UTF_8), bytes(1000, 5));
        String orphan;
        try (PublishSession session = owner.beginPublish(COMMUNITY)) {
            assertThrows(StorageException.class, () -> owner.beginPublish(COMMUNITY));
            orphan = ((ArchiveLocation.ContentAddress) session.append(bytes(3000, 6))).cid();
            assertTrue(ownerClient.exists(orphan));
        }
        assertFalse(ownerClient.exists(orphan));
        assertEquals(Optional.of(link), owner.currentLink(COMMUNITY));
        owner.beginPublish(COMMUNITY).close(); // the lock was released
    }

    @Test
    void aFailedCommitLeavesThePreviousSetAsItWas() throws Exception {
        String link = publish("v1".getBytes(StandardCharsets.UTF_8), bytes(1000, 7));
        try (PublishSession session = owner.beginPublish(COMMUNITY)) {
            session.append(bytes(1500, 8));
            ownerNode.faults().offline(true);
            StorageException e = assertThrows(StorageException.class,
                    () -> session.commit("v2".getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.retryable(), e.getMessage());
            ownerNode.faults().clear();
        }
        assertEquals(Optional.of(link), owner.currentLink(COMMUNITY));
        try (PublishSession session = owner.beginPublish(COMMUNITY)) {
            assertArrayEquals("v1".getBytes(StandardCharsets.UTF_8), session.existingIndex().orElseThrow());
        }
    }

    @Test
    void seedPutsBackWhatTheNodeLostAndUnseedDeletes() throws Exception {
        byte[] blob = bytes(70_000, 9);
        String link;
        String archive;
        try (PublishSession session = owner.beginPublish(COMMUNITY)) {
            archive = ((ArchiveLocation.ContentAddress) session.append(blob)).cid();
            link = session.commit("idx".getBytes(StandardCharsets.UTF_8));
        }
        owner.unseed(COMMUNITY);
        assertFalse(ownerClient.exists(link));
        assertFalse(ownerClient.exists(archive));
        owner.seed(COMMUNITY);
        assertTrue(ownerClient.exists(link));
        assertTrue(ownerClient.exists(archive));
        assertEquals(Optional.of(link), owner.currentLink(COMMUNITY));
    }

    @Test
    void retentionRefreshesBeforeTheNodesTtl() throws Exception {
        String link = publish("idx".getBytes(StandardCharsets.UTF_8), bytes(10_000, 10));
        owner.seed(COMMUNITY);
        Instant firstExpiry = ownerNode.expiry(link).orElseThrow();
        clock.advance(Duration.ofDays(6));
        assertFalse(owner.refreshDue(COMMUNITY));
        clock.advance(Duration.ofDays(2));
        assertTrue(owner.refreshDue(COMMUNITY));
        assertEquals(firstExpiry.plus(Duration.ofDays(8)), ownerNode.expiry(link).orElseThrow());
        for (int week = 0; week < 4; week++) {
            clock.advance(Duration.ofDays(7));
            owner.refreshAllDue();
            ownerNode.runMaintenance();
        }
        assertTrue(ownerClient.exists(link), "36 days after the upload the index is still on the node");
        owner.unseed(COMMUNITY);
        clock.advance(Duration.ofDays(8));
        assertFalse(owner.refreshDue(COMMUNITY), "an unseeded community is not refreshed");
    }

    @Test
    void memberDownloadsSurviveTruncationAndFailClearlyWhenNobodyServes() throws Exception {
        byte[] blob = bytes(200_000, 12);
        ArchiveLocation location;
        String link;
        try (PublishSession session = owner.beginPublish(COMMUNITY)) {
            location = session.append(blob);
            link = session.commit("idx".getBytes(StandardCharsets.UTF_8));
        }
        ownerNode.faults().truncateNext(1, 70_000);
        try (ArchiveDownload d = owner.download(COMMUNITY, link)) {
            assertArrayEquals(blob, d.archive(location, (a, b) -> { }));
        }
        ownerNode.faults().failAlways(true);
        try (ArchiveDownload d = owner.download(COMMUNITY, link)) {
            StorageException e = assertThrows(StorageException.class, d::index);
            assertTrue(e.retryable(), e.getMessage());
        }
        ownerNode.faults().clear();
        ownerNode.faults().hang(true);
        try (ArchiveDownload d = owner.download(COMMUNITY, link)) {
            java.util.concurrent.CompletableFuture<Void> cancel = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                d.cancel();
            });
            assertThrows(java.util.concurrent.CancellationException.class, d::index);
            cancel.join();
        } finally {
            ownerNode.faults().clear();
        }
    }

    @Test
    void badLinksAndLocationsAreClearErrors() throws Exception {
        StorageException notCid = assertThrows(StorageException.class, () -> owner.download(COMMUNITY, "magnet:?xt=1"));
        assertFalse(notCid.retryable());
        String tree = "zDzSvJTezk7bJNQqFq8k1iHXY84psNuUfZVusA5bBQQUSuyzDSVL";
        assertThrows(StorageException.class, () -> owner.download(COMMUNITY, tree));
        String link = publish("idx".getBytes(StandardCharsets.UTF_8), bytes(100, 11));
        try (ArchiveDownload d = owner.download(COMMUNITY, link)) {
            assertThrows(StorageException.class,
                    () -> d.archive(new ArchiveLocation.PieceRange(0, 10, 0), (a, b) -> { }));
        }
    }

    /** A clock tests move forward. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
