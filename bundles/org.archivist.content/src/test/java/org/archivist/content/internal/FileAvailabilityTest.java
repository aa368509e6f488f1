package org.archivist.content.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileMetadata;
import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.content.FileServices;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.content.CodexBlobStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file published through the file service on Codex stays retrievable for at least 30 days on the emulator's
 * clock (its block TTL 30 days, expired blocks deleted by maintenance each simulated day): fetched by another node
 * on day 29 while the sender's Archivist is offline, and still there on day 60 once the sender runs again and its
 * service refreshes what it keeps; a plain upload nobody refreshes is gone after 30 days.
 */
class FileAvailabilityTest {
    @TempDir
    Path tmp;

    @Test
    void aPublishedFileOutlivesTheNodesTtlAndIsFetchableWhileTheSenderIsOffline() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        try (CodexEmulator senderNode = CodexEmulator.start(EmulatorConfig.builder().clock(clock)
                .blockTtl(Duration.ofDays(30)).maintenanceInterval(Duration.ZERO).build());
                CodexEmulator receiverNode = CodexEmulator.start(EmulatorConfig.builder().clock(clock)
                        .blockTtl(Duration.ofDays(30)).maintenanceInterval(Duration.ZERO).peer(senderNode.baseUri())
                        .build());
                CodexClient control = CodexClient.create(CodexClientConfig.builder(senderNode.baseUri()).build())) {
            byte[] bytes = new byte[400_000];
            new Random(11).nextBytes(bytes);
            Path file = Files.write(tmp.resolve("report.pdf"), bytes);
            Path unkeptFile = Files.write(tmp.resolve("unkept.bin"), new byte[] {1, 2, 3, 4, 5});
            String unkept = control.upload(unkeptFile);

            FileLink link;
            try (var store = sender(senderNode, clock);
                    var files = FileServices.builder(tmp.resolve("sender-files"))
                            .store(StorageBackend.CODEX, store.store()).refreshEvery(Duration.ZERO).start()) {
                link = files.service().publish(file, FileMetadata.plain("report.pdf")).result().get(2,
                        TimeUnit.MINUTES);
            } // the sender's Archivist goes offline

            days(senderNode, receiverNode, clock, 29, null);
            assertTrue(control.exists(unkept), "29 days: within the node's TTL");
            try (var store = CodexBlobStores.connect(config(receiverNode), tmp.resolve("receiver-codex"),
                    Duration.ofDays(7), clock);
                    var files = FileServices.builder(tmp.resolve("receiver-files"))
                            .store(StorageBackend.CODEX, store.store()).refreshEvery(Duration.ZERO).start()) {
                Path got = files.service().fetch(link).result().get(2, TimeUnit.MINUTES);
                assertArrayEquals(bytes, Files.readAllBytes(got), "day 29, sender offline: fetched from the node");
            }

            try (var store = sender(senderNode, clock);
                    var files = FileServices.builder(tmp.resolve("sender-files"))
                            .store(StorageBackend.CODEX, store.store()).refreshEvery(Duration.ZERO).start()) {
                days(senderNode, receiverNode, clock, 31, files); // the sender is back: it refreshes each day
                assertEquals(60, Duration.between(Instant.parse("2026-12-01T00:00:00Z"), clock.instant()).toDays());
                assertTrue(control.exists(link.link()), "day 60: the published file is still on the node");
                assertFalse(control.exists(unkept), "a plain upload nobody refreshes is gone after its 30 days");
                Path back = tmp.resolve("back.bin");
                control.download(link.link(), back);
                assertArrayEquals(bytes, Files.readAllBytes(back));
            }
        }
    }

    /** Advances the clock a day at a time; each day the sender's service refreshes (when running), nodes expire. */
    private static void days(CodexEmulator a, CodexEmulator b, MutableClock clock, int days,
            FileServices.RunningFileService sender) throws java.io.IOException {
        for (int i = 0; i < days; i++) {
            clock.advance(Duration.ofDays(1));
            if (sender != null) {
                assertEquals(0, sender.refreshDue(), "every store refreshed");
            }
            a.runMaintenance();
            b.runMaintenance();
        }
    }

    private CodexBlobStores.ConnectedBlobStore sender(CodexEmulator node, Clock clock) throws Exception {
        return CodexBlobStores.connect(config(node), tmp.resolve("sender-codex"), Duration.ofDays(7), clock);
    }

    private static CodexClientConfig config(CodexEmulator node) {
        return CodexClientConfig.builder(node.baseUri()).maxAttempts(2).backoff(Duration.ofMillis(10),
                Duration.ofMillis(50)).build();
    }

    /** A clock the test moves forward, shared by the emulators and the blob stores. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

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
