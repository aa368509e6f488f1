package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.host.reference.InProcessNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend that is neither BitTorrent nor Codex, with its own name ({@code slots}), link kind ({@code SLOT}),
 * location type, index encoding and announcement type: the scheduler drives it end to end (owner publishes and
 * announces, member downloads and imports), and it may come and go at run time.
 */
class ThirdBackendEndToEndTest {
    static final long DAY = OwnerArchiverTest.DAY;
    static final long JAN_1 = OwnerArchiverTest.JAN_1;

    @TempDir
    Path dir;
    final byte[] key = TestNode.newKey();
    final CommunityId id = TestNode.idOf(key);
    final InMemoryBackend slots = InMemoryBackend.slots("slots");
    final InProcessNetwork network = new InProcessNetwork();
    final VirtualTaskScheduler time = new VirtualTaskScheduler(Instant.ofEpochSecond(JAN_1 + 21 * DAY));
    AnnouncementRecorder heard;
    TestNode owner;
    TestNode member;
    List<ArchivedMessage> history;

    void setUp() throws Exception {
        heard = new AnnouncementRecorder(network);
        owner = new TestNode(dir.resolve("owner"), network, time, slots);
        member = new TestNode(dir.resolve("member"), network, time, slots);
        owner.own(key, false);
        member.join(id, false);
        long[] ts = new long[25];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = JAN_1 + i * 20 * 3600L;
        }
        history = owner.addMessages(id, ts);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {owner, member, heard}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void theOwnerPublishesOnTheThirdBackendAndTheMemberImportsEverything() throws Exception {
        setUp();
        member.scheduler.configure(ArchiveSettings.defaults(id).withDistribution(Set.of("slots")));
        owner.scheduler.configure(ArchiveSettings.defaults(id).withBackends(ArchiveSettings.parseBackends("slots")));
        time.runDue();
        time.advance(Duration.ofSeconds(5));

        assertEquals(1, heard.heard.size());
        assertEquals(SlotLinkFormat.ANNOUNCEMENT_TYPE, heard.heard.get(0).raw().applicationMessageType());
        assertEquals(SlotLinkFormat.KIND, heard.links().get(0).kind());
        String link = slots.currentLink(id).orElseThrow();
        assertTrue(link.startsWith("slot:slots:"), link);
        assertEquals(hashes(history), member.host.messageHashes(id));
        assertEquals(link, member.state(id).lastLink(SlotLinkFormat.KIND).orElseThrow());
        int archives = member.state(id).archiveCount();
        assertTrue(archives >= 3, "three weeks in 7-day partitions, got " + archives);
        assertEquals(archives, member.state(id).importedCount());
    }

    @Test
    void aBackendThatGoesAwayPausesItsCommunityAndIsPickedUpWhenItReturns() throws Exception {
        setUp();
        owner.scheduler.configure(ArchiveSettings.defaults(id).withBackends(ArchiveSettings.parseBackends("slots")));
        time.runDue();
        assertEquals(1, heard.heard.size());

        owner.backends.remove("slots", slots);
        owner.scheduler.backendRemoved("slots");
        CommunityArchiveStatus paused = owner.scheduler.community(id).orElseThrow();
        assertTrue(paused.paused());
        assertEquals(Set.of("slots"), paused.unavailableBackends());

        owner.backends.add("slots", slots);
        owner.scheduler.backendAdded("slots");
        time.runDue();
        assertEquals(Set.of(), owner.scheduler.community(id).orElseThrow().unavailableBackends());
        assertEquals(2, heard.heard.size(), "the returning backend's set is announced again");
        assertEquals(heard.links().get(0).link(), heard.links().get(1).link());
    }

    @Test
    void theMemberIgnoresTheThirdBackendsLinksUntilSuchABackendIsRegistered() throws Exception {
        setUp();
        member.backends.remove("slots", slots);
        member.scheduler.configure(ArchiveSettings.defaults(id));
        owner.scheduler.configure(ArchiveSettings.defaults(id).withBackends(ArchiveSettings.parseBackends("slots")));
        time.runDue();
        time.advance(Duration.ofSeconds(5));
        assertEquals(1, heard.heard.size());
        assertEquals(0, member.host.messageCount(id), "no backend for SLOT links on the member");

        member.backends.add("slots", slots);
        member.scheduler.backendAdded("slots");
        owner.scheduler.backendAdded("slots"); // as on a restart of the owner's backend: it announces again
        time.runDue();
        time.advance(Duration.ofSeconds(5));
        assertEquals(hashes(history), member.host.messageHashes(id));
    }

    static Set<String> hashes(List<ArchivedMessage> ms) {
        return ms.stream().map(ArchivedMessage::hashHex).collect(Collectors.toSet());
    }
}
