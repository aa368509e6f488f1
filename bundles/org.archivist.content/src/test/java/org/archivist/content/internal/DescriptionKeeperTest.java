package org.archivist.content.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.CommunityId;
import org.archivist.api.content.CommunityDescription;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.FileLink;
import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.content.FileServices;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.content.CodexBlobStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Community descriptions between a control node and a member, each with its own reference host (the announcement
 * signed and verified over the loopback channel) and Codex emulator: announced, fetched in the background with
 * retries while the owner's node is down, newest by clock kept.
 */
class DescriptionKeeperTest {
    @TempDir
    Path tmp;

    @Test
    void membersFetchEachNewerDescriptionInTheBackgroundAndKeepTheNewest() throws Exception {
        try (CodexEmulator ownerNode = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                .build());
                CodexEmulator memberNode = CodexEmulator.start(EmulatorConfig.builder()
                        .maintenanceInterval(Duration.ZERO).blockRetries(1).retryDelay(Duration.ofMillis(5))
                        .peer(ownerNode.baseUri()).build());
                var ownerCodex = CodexBlobStores.connect(config(ownerNode), tmp.resolve("owner-codex"));
                var memberCodex = CodexBlobStores.connect(config(memberNode), tmp.resolve("member-codex"));
                ReferenceNode memberHost = ReferenceNode.loopback(tmp.resolve("member-host"), "member", List.of());
                ReferenceNode ownerHost = ReferenceNode.loopback(tmp.resolve("owner-host"), "owner",
                        List.of("127.0.0.1:" + memberHost.channelPort()));
                var ownerFiles = FileServices.builder(tmp.resolve("owner-files"))
                        .store(StorageBackend.CODEX, ownerCodex.store()).start();
                var memberFiles = FileServices.builder(tmp.resolve("member-files"))
                        .store(StorageBackend.CODEX, memberCodex.store()).fetchRetries(1, Duration.ofMillis(10))
                        .start();
                DescriptionKeeper owner = new DescriptionKeeper(ownerFiles.service(),
                        Optional.of(ownerHost.channel()), tmp.resolve("owner-desc"), Duration.ofMillis(100),
                        Duration.ofSeconds(1), List.of());
                DescriptionKeeper member = new DescriptionKeeper(memberFiles.service(),
                        Optional.of(memberHost.channel()), tmp.resolve("member-desc"), Duration.ofMillis(100),
                        Duration.ofSeconds(1), List.of())) {
            byte[] key = ReferenceNode.newCommunityKey(new SecureRandom());
            CommunityId community = ownerHost.own(key, ReferenceNode.topicsOf(ReferenceNode.communityIdOf(key),
                    "general"), null);
            memberHost.join(community, ReferenceNode.topicsOf(community, "general"), null);
            List<CommunityDescription> seen = new CopyOnWriteArrayList<>();
            member.addListener(seen::add);
            owner.start();
            member.start();

            byte[] v1 = "description v1".getBytes(StandardCharsets.UTF_8);
            FileLink link1 = owner.publish(community, 100, v1);
            awaitClock(member, community, 100);
            assertArrayEquals(v1, member.latest(community).orElseThrow().bytes());

            memberNode.faults().offline(true); // the member's node is unreachable for a while
            byte[] v2 = "description v2, with more members".getBytes(StandardCharsets.UTF_8);
            owner.publish(community, 200, v2);
            Thread.sleep(1500);
            assertEquals(100, member.latest(community).orElseThrow().clock(), "not fetchable yet");
            memberNode.faults().offline(false);
            awaitClock(member, community, 200);
            assertArrayEquals(v2, member.latest(community).orElseThrow().bytes());

            member.received(community, 100, link1); // an old link arriving late changes nothing
            Thread.sleep(300);
            assertEquals(200, member.latest(community).orElseThrow().clock());
            assertEquals(List.of(100L, 200L), seen.stream().map(CommunityDescription::clock).toList());

            assertThrows(ContentException.class, () -> owner.publish(community, 150, "stale".getBytes()));
            assertFalse(owner.latest(community).isEmpty());
        }
    }

    @Test
    void aDescriptionThatCouldNotBeAnnouncedIsNotKeptAndItsClockCanBePublishedAgain() throws Exception {
        try (CodexEmulator node = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                .build());
                var codex = CodexBlobStores.connect(config(node), tmp.resolve("codex"));
                ReferenceNode host = ReferenceNode.loopback(tmp.resolve("host"), "owner", List.of());
                var files = FileServices.builder(tmp.resolve("files")).store(StorageBackend.CODEX, codex.store())
                        .start();
                DescriptionKeeper owner = new DescriptionKeeper(files.service(), Optional.of(host.channel()),
                        tmp.resolve("desc"), Duration.ofMillis(100), Duration.ofSeconds(1), List.of())) {
            byte[] key = ReferenceNode.newCommunityKey(new SecureRandom());
            CommunityId community = ReferenceNode.communityIdOf(key);
            ContentException e = assertThrows(ContentException.class, () -> owner.publish(community, 7,
                    "v7".getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.retryable(), "the host does not know the community's key yet: " + e.getMessage());
            assertTrue(owner.latest(community).isEmpty(), "nothing kept");

            host.own(key, ReferenceNode.topicsOf(community, "general"), null);
            owner.publish(community, 7, "v7".getBytes(StandardCharsets.UTF_8));
            assertEquals(7, owner.latest(community).orElseThrow().clock());
        }
    }

    private static void awaitClock(DescriptionKeeper keeper, CommunityId community, long clock) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            Optional<CommunityDescription> d = keeper.latest(community);
            if (d.isPresent() && d.get().clock() >= clock) {
                return;
            }
            Thread.sleep(50);
        }
        assertTrue(false, "no description with clock " + clock + " within 30 s: " + keeper.latest(community));
    }

    private static CodexClientConfig config(CodexEmulator node) {
        return CodexClientConfig.builder(node.baseUri()).maxAttempts(1).backoff(Duration.ofMillis(10),
                Duration.ofMillis(20)).build();
    }
}
