package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.LinkKind;
import org.archivist.core.link.AnnouncementTypes;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.member.ArchiveReader;
import org.archivist.host.reference.InProcessNetwork;
import org.archivist.host.reference.ReferenceNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control node's start cases and runs, against status-go's test vectors, on virtual time. */
class OwnerArchiverTest {
    static final long JAN_1 = 1577836800L; // 2020-01-01T00:00:00Z
    static final long HOUR = 3600;
    static final long DAY = 24 * HOUR;

    @TempDir
    Path dir;
    final byte[] key = TestNode.newKey();
    final CommunityId id = TestNode.idOf(key);
    final InMemoryBackend bittorrent = InMemoryBackend.bittorrent();
    final InMemoryBackend codex = InMemoryBackend.codex();
    InProcessNetwork network;
    AnnouncementRecorder heard;
    VirtualTaskScheduler time;
    TestNode owner;

    void startAt(long unixSeconds) throws Exception {
        network = new InProcessNetwork();
        heard = new AnnouncementRecorder(network);
        time = new VirtualTaskScheduler(Instant.ofEpochSecond(unixSeconds));
        owner = new TestNode(dir.resolve("owner"), network, time, bittorrent, codex);
        owner.own(key, false);
    }

    @AfterEach
    void close() throws Exception {
        if (owner != null) {
            owner.close();
            heard.close();
        }
    }

    List<IndexEntry> index(InMemoryBackend backend) throws Exception {
        try (var session = backend.beginPublish(id)) {
            byte[] bytes = session.existingIndex().orElseThrow();
            return new ArchiveReader().readIndex(id, bytes, backend.linkFormat(), Optional.empty());
        }
    }

    List<Long> froms(List<IndexEntry> entries) {
        return entries.stream().map(e -> e.range().from()).toList();
    }

    @Test
    void theHostsChatOrderReachesEveryArchiveIdOnBothBackends() throws Exception {
        startAt(JAN_1 + 14 * DAY);
        List<org.archivist.api.ContentTopic> hostOrder = ReferenceNode.topicsOf(id, "ffffffff", "general", "00000001",
                "-memberUpdate", "random");
        owner.host.own(key, hostOrder, false, List.of());
        assertNotEquals(hostOrder.stream().sorted().toList(), hostOrder, "the order is not sorted");
        owner.addMessages(id, JAN_1 + HOUR, JAN_1 + 8 * DAY);
        owner.scheduler.configure(ArchiveSettings.defaults(id).withBackends(ArchiveSettings.parseBackends("both")));
        time.runDue();
        for (InMemoryBackend backend : List.of(bittorrent, codex)) {
            List<IndexEntry> entries = index(backend);
            assertEquals(2, entries.size());
            for (IndexEntry e : entries) {
                assertEquals(hostOrder, e.metadata().topics(), backend.linkFormat().kind() + " keeps the host order");
                assertEquals(org.archivist.core.format.ArchiveIds.of(
                        new org.archivist.api.ArchiveMetadata(e.range(), hostOrder), e.location()), e.archiveId());
            }
        }
    }

    @Test
    void caseC_persistedEndOfJan1_givesStatusGoThreeArchivesAndOneAnnouncement() throws Exception {
        startAt(JAN_1 + 20 * DAY); // 2020-01-21, more than 7 days after the last end
        owner.addMessages(id, JAN_1 + HOUR, JAN_1 + 2 * HOUR, JAN_1 + 8 * DAY, JAN_1 + 14 * DAY);
        owner.state(id).setLastArchiveEnd(StorageBackend.BITTORRENT, JAN_1);
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();

        List<IndexEntry> entries = index(bittorrent);
        assertEquals(List.of(JAN_1, JAN_1 + 7 * DAY, JAN_1 + 14 * DAY), froms(entries));
        assertEquals(List.of(JAN_1 + 7 * DAY, JAN_1 + 14 * DAY, JAN_1 + 20 * DAY),
                entries.stream().map(e -> e.range().to()).toList());
        assertEquals('C', owner.scheduler.archives(id).orElseThrow().owner().startCase());
        assertEquals(1, heard.heard.size(), "one announcement, not two");
        MemberFlow.Link link = heard.links().get(0);
        assertEquals(MagnetLinkFormat.KIND, link.kind());
        assertEquals(bittorrent.currentLink(id).orElseThrow(), link.link());
        assertEquals((JAN_1 + 20 * DAY) * 1000, link.clock(), "clock in milliseconds");
        assertEquals(id, heard.heard.get(0).raw().signer());
        assertEquals(JAN_1 + 20 * DAY, owner.state(id).lastArchiveEnd(StorageBackend.BITTORRENT).getAsLong());
        assertEquals(link.clock(), owner.state(id).clock(MagnetLinkFormat.KIND));
        assertEquals(List.of(ArchiveEvent.Type.CREATING, ArchiveEvent.Type.CREATED, ArchiveEvent.Type.SEEDING,
                ArchiveEvent.Type.ANNOUNCED),
                owner.eventTypes());
        assertEquals(Optional.of(TimeRange.of(JAN_1, JAN_1 + 20 * DAY)), owner.events.get(1).range());
        assertTrue(bittorrent.seeding.get(id));
    }

    @Test
    void caseC_withoutPersistedEnd_startsAtTheOldestMessage() throws Exception {
        startAt(JAN_1 + 20 * DAY);
        owner.addMessages(id, JAN_1 + HOUR, JAN_1 + 2 * HOUR, JAN_1 + 8 * DAY, JAN_1 + 14 * DAY);
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        // partitions start at the oldest message (01:00), not at midnight; the last partition is empty
        assertEquals(List.of(JAN_1 + HOUR, JAN_1 + 7 * DAY + HOUR), froms(index(bittorrent)));
        assertEquals(1, heard.heard.size());
    }

    @Test
    void caseA_nothingToArchive_firstRunAnIntervalLater() throws Exception {
        startAt(JAN_1);
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        assertEquals('A', owner.scheduler.archives(id).orElseThrow().owner().startCase());
        assertTrue(bittorrent.currentLink(id).isEmpty());
        assertEquals(0, heard.heard.size());

        owner.addMessages(id, JAN_1 + DAY, JAN_1 + 2 * DAY);
        time.advance(Duration.ofDays(7).minusSeconds(1));
        assertTrue(bittorrent.currentLink(id).isEmpty(), "no run before the interval completes");
        time.advance(Duration.ofSeconds(1));
        assertEquals(List.of(JAN_1 + DAY), froms(index(bittorrent)));
        assertEquals(1, heard.heard.size());
        // next tick 7 days later: new messages give a second archive from the last end
        owner.addMessages(id, JAN_1 + 9 * DAY);
        time.advance(Duration.ofDays(7));
        assertEquals(List.of(JAN_1 + DAY, JAN_1 + 7 * DAY), froms(index(bittorrent)));
        assertEquals(2, heard.heard.size());
        assertNotEquals(heard.links().get(0).link(), heard.links().get(1).link());
    }

    @Test
    void caseB_recentArchive_seedsAndAnnouncesOnceThenCatchesUpWhenTheIntervalCompletes() throws Exception {
        startAt(JAN_1 + 7 * DAY);
        owner.addMessages(id, JAN_1 + HOUR, JAN_1 + 8 * DAY);
        owner.state(id).setLastArchiveEnd(StorageBackend.BITTORRENT, JAN_1);
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue(); // case C at exactly 7 days: archive [Jan 1, Jan 8)
        assertEquals(1, index(bittorrent).size());
        String first = bittorrent.currentLink(id).orElseThrow();

        time.advance(Duration.ofDays(3));
        owner.restart();
        heard.clear();
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        assertEquals('B', owner.scheduler.archives(id).orElseThrow().owner().startCase());
        assertEquals(List.of(first), heard.links().stream().map(MemberFlow.Link::link).toList(),
                "a restart re-announces the existing link once");
        assertEquals(1, index(bittorrent).size(), "nothing created at the restart");

        time.advance(Duration.ofDays(4).minusSeconds(1));
        assertEquals(1, index(bittorrent).size());
        time.advance(Duration.ofSeconds(1)); // Jan 15: catch-up run [Jan 8, Jan 15)
        assertEquals(List.of(JAN_1, JAN_1 + 7 * DAY), froms(index(bittorrent)));
        assertEquals(JAN_1 + 14 * DAY, index(bittorrent).get(1).range().to());
        assertEquals(2, heard.heard.size());
        // then the interval: next run 7 days after the catch-up
        owner.addMessages(id, JAN_1 + 16 * DAY);
        time.advance(Duration.ofDays(7));
        assertEquals(3, index(bittorrent).size());
        assertEquals(3, heard.heard.size());
    }

    @Test
    void restartLongAfterTheLastArchiveAnnouncesOnlyTheNewLink() throws Exception {
        startAt(JAN_1 + 7 * DAY);
        owner.addMessages(id, JAN_1 + HOUR);
        owner.state(id).setLastArchiveEnd(StorageBackend.BITTORRENT, JAN_1);
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        owner.addMessages(id, JAN_1 + 9 * DAY);
        time.advance(Duration.ofDays(1));
        owner.restart();
        time.advance(Duration.ofDays(10)); // nothing runs while down: no configuration yet
        heard.clear();
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        assertEquals('C', owner.scheduler.archives(id).orElseThrow().owner().startCase());
        assertEquals(1, heard.heard.size(), "case C announces the new link only, not the old one first");
        assertEquals(bittorrent.currentLink(id).orElseThrow(), heard.links().get(0).link());
        assertEquals(2, index(bittorrent).size());
    }

    @Test
    void switchingToBothAtRuntimeAnnouncesBothLinksFromTheNextRun() throws Exception {
        startAt(JAN_1 + 7 * DAY);
        owner.addMessages(id, JAN_1 + HOUR, JAN_1 + 3 * DAY);
        owner.state(id).setLastArchiveEnd(StorageBackend.BITTORRENT, JAN_1);
        ArchiveSettings settings = ArchiveSettings.defaults(id);
        owner.scheduler.configure(settings);
        time.runDue();
        assertEquals(1, heard.heard.size());
        assertTrue(codex.currentLink(id).isEmpty());

        owner.scheduler.configure(settings.withBackends(ArchiveSettings.parseBackends("both")));
        time.runDue();
        assertTrue(codex.currentLink(id).isEmpty(), "applies from the next run, not at once");
        owner.addMessages(id, JAN_1 + 8 * DAY);
        time.advance(Duration.ofDays(7));
        // BitTorrent archives the new week; Codex, new, starts from the oldest message
        assertEquals(2, index(bittorrent).size());
        assertEquals(List.of(JAN_1 + HOUR, JAN_1 + 7 * DAY + HOUR), froms(index(codex)));
        List<MemberFlow.Link> latest = heard.links().subList(1, heard.links().size());
        assertEquals(Set.of(MagnetLinkFormat.KIND, IndexCidLinkFormat.KIND),
                Set.copyOf(latest.stream().map(MemberFlow.Link::kind).toList()));
        assertEquals(2, latest.size());
        AnnouncementRecorder.Heard cid = heard.heard.stream().filter(h -> h.link().kind().equals(IndexCidLinkFormat.KIND))
                .findFirst().orElseThrow();
        assertEquals(AnnouncementTypes.ARCHIVE_LINK_PROVISIONAL, cid.raw().applicationMessageType(),
                "an index CID goes out as CommunityMessageArchiveLink");
        assertEquals(id.hex() + "-memberUpdate", cid.chatId(), "on the universal chat, as later status-go");
        AnnouncementRecorder.Heard magnet = heard.heard.stream()
                .filter(h -> h.link().kind().equals(MagnetLinkFormat.KIND)).reduce((a, b) -> b).orElseThrow();
        assertEquals(43, magnet.raw().applicationMessageType());
        assertEquals(id.hex() + "-magnetlinks", magnet.chatId(), "the magnet link as status-go sends it today");
        assertEquals(heard.heard.get(0).link().link(), org.archivist.proto.CommunityMessageArchiveMagnetlink
                .parseFrom(heard.heard.get(0).raw().payload()).getMagnetUri());

        owner.scheduler.configure(settings.withBackends(ArchiveSettings.parseBackends("codex")));
        time.runDue();
        assertFalse(bittorrent.seeding.get(id), "a dropped backend is unseeded");
    }

    @Test
    void aSetMigratedToCodexIsContinuedWhenTheCommunityGoesToBothNotArchivedAgain() throws Exception {
        startAt(JAN_1 + 7 * DAY);
        owner.addMessages(id, JAN_1 + HOUR, JAN_1 + 3 * DAY);
        owner.state(id).setLastArchiveEnd(StorageBackend.BITTORRENT, JAN_1);
        ArchiveSettings settings = ArchiveSettings.defaults(id);
        owner.scheduler.configure(settings);
        time.runDue();
        assertEquals(1, index(bittorrent).size());
        // the migration copies the BitTorrent set to Codex (same range, its own location and id)
        IndexEntry week1 = index(bittorrent).get(0);
        try (var session = codex.beginPublish(id)) {
            var location = session.append(new byte[] {1, 2, 3});
            session.commit(codex.linkFormat().encodeIndex(List.of(new IndexEntry(
                    codex.linkFormat().archiveId(week1.metadata(), location), week1.metadata(), location))));
        }

        owner.scheduler.configure(settings.withBackends(ArchiveSettings.parseBackends("both")));
        owner.addMessages(id, JAN_1 + 8 * DAY);
        time.advance(Duration.ofDays(7));
        assertEquals(List.of(JAN_1, JAN_1 + 7 * DAY), froms(index(codex)), "continued after the migrated week");
        assertEquals(OptionalLong.of(JAN_1 + 14 * DAY), owner.state(id).lastArchiveEnd(StorageBackend.CODEX));
    }

    @Test
    void deletingTheConfigurationStopsTheTasksAndUnseeds() throws Exception {
        startAt(JAN_1 + 7 * DAY);
        owner.addMessages(id, JAN_1 + HOUR);
        owner.state(id).setLastArchiveEnd(StorageBackend.BITTORRENT, JAN_1);
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        assertTrue(bittorrent.seeding.get(id));
        owner.scheduler.remove(id);
        time.runDue();
        assertFalse(bittorrent.seeding.get(id));
        assertEquals(1, owner.count(ArchiveEvent.Type.UNSEEDED));
        assertEquals(0, time.pending(), "no timer left");
        owner.addMessages(id, JAN_1 + 9 * DAY);
        time.advance(Duration.ofDays(30));
        assertEquals(1, heard.heard.size());
        assertEquals(1, index(bittorrent).size());
    }

    @Test
    void disablingStopsAndUnseedsEnablingRestarts() throws Exception {
        startAt(JAN_1 + 7 * DAY);
        owner.addMessages(id, JAN_1 + HOUR);
        owner.state(id).setLastArchiveEnd(StorageBackend.BITTORRENT, JAN_1);
        ArchiveSettings settings = ArchiveSettings.defaults(id);
        owner.scheduler.configure(settings);
        time.runDue();
        owner.scheduler.configure(settings.withEnabled(false));
        time.runDue();
        assertFalse(bittorrent.seeding.get(id));
        assertEquals(0, time.pending());
        owner.scheduler.configure(settings);
        time.runDue();
        assertTrue(bittorrent.seeding.get(id));
        assertEquals(2, heard.heard.size(), "enabling re-seeds and re-announces the existing link");
    }

    @Test
    void aCommunityTheDirectoryLearnsOfLaterStartsThen() throws Exception {
        startAt(JAN_1 + 20 * DAY);
        owner.host.forget(id);
        owner.addMessages(id, JAN_1 + HOUR);
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        assertEquals('-', owner.scheduler.archives(id).orElseThrow().owner().startCase());
        owner.own(key, false); // the host's configuration arrives
        time.advance(Duration.ofSeconds(30));
        assertEquals('C', owner.scheduler.archives(id).orElseThrow().owner().startCase());
        assertEquals(1, heard.heard.size());
        assertEquals(1, time.pending(), "only the next tick is left");
    }

    @Test
    void archiveNowRunsImmediately() throws Exception {
        startAt(JAN_1 + 2 * DAY);
        owner.addMessages(id, JAN_1 + HOUR, JAN_1 + DAY);
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue(); // case B from the oldest message: nothing yet
        assertTrue(bittorrent.currentLink(id).isEmpty());
        Thread runner = new Thread(() -> {
            try {
                owner.scheduler.archiveNow(id);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        runner.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runner.isAlive() && System.nanoTime() < deadline) {
            time.runDue();
            Thread.onSpinWait();
        }
        runner.join();
        assertEquals(1, index(bittorrent).size());
        assertEquals(1, heard.heard.size());
    }

    @Test
    void aFailedRunIsAFailedEventWithItsReasonAndItsRetryIsTheNextRun() throws Exception {
        startAt(JAN_1 + 20 * DAY);
        owner.addMessages(id, JAN_1 + HOUR, JAN_1 + 8 * DAY, JAN_1 + 14 * DAY);
        owner.state(id).setLastArchiveEnd(StorageBackend.BITTORRENT, JAN_1);
        var held = bittorrent.beginPublish(id); // another session holds the set: the run cannot publish
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();

        ArchiveEvent failed = owner.events.stream().filter(e -> e.type() == ArchiveEvent.Type.FAILED).findFirst()
                .orElseThrow(() -> new AssertionError("no FAILED event in " + owner.eventTypes()));
        assertTrue(failed.reason().orElseThrow().startsWith("archive run on bittorrent: "), failed.reason().get());
        assertTrue(failed.reason().get().contains("already open"), failed.reason().get());
        assertEquals(Optional.of(TimeRange.of(JAN_1, JAN_1 + 20 * DAY)), failed.range());
        var status = owner.scheduler.community(id).orElseThrow();
        assertEquals(Optional.of(time.now().plusSeconds(30)), status.nextRun(), "the retry comes before the interval");
        assertEquals(0, status.archives());

        held.close();
        time.advance(Duration.ofSeconds(30));
        List<IndexEntry> entries = index(bittorrent);
        assertEquals(3, entries.size());
        ArchiveEvent created = owner.events.stream().filter(e -> e.type() == ArchiveEvent.Type.CREATED).findFirst()
                .orElseThrow();
        long blobs = entries.stream()
                .mapToLong(e -> ((org.archivist.api.ArchiveLocation.PieceRange) e.location()).blobLength()).sum();
        assertEquals(OptionalLong.of(blobs), created.bytes(), "CREATED carries the blob bytes published");
        status = owner.scheduler.community(id).orElseThrow();
        assertEquals(3, status.archives(), "an owner counts the archives it published");
        assertEquals(Optional.of(Instant.ofEpochSecond(JAN_1 + 27 * DAY)), status.nextRun(),
                "after a good retry, the next run is the interval's");
    }

    @Test
    void anOwnersStatusCountsEachPublishedPartitionOnceOnBothBackends() throws Exception {
        startAt(JAN_1 + 14 * DAY);
        owner.addMessages(id, JAN_1 + HOUR, JAN_1 + 8 * DAY);
        owner.scheduler.configure(ArchiveSettings.defaults(id).withBackends(ArchiveSettings.parseBackends("both")));
        time.runDue();
        assertEquals(2, index(bittorrent).size());
        assertEquals(2, index(codex).size());
        var status = owner.scheduler.community(id).orElseThrow();
        assertEquals(2, status.archives());
        assertTrue(status.nextRun().isPresent());
    }
}
