package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.ArchiveSummary.Availability;
import org.archivist.api.storage.StorageBackend;
import org.archivist.host.reference.InProcessNetwork;
import org.archivist.host.reference.ReferenceNode.GroupKeyMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member's history window on virtual time (issue 15): only the archives reaching into the window are fetched and
 * imported; the others are listed OUTSIDE_WINDOW from the kept index (no network call), and fetched exactly once
 * when the window widens at run time or a range is asked for on demand, that request surviving a restart.
 */
class HistoryWindowTest {
    static final long JAN_1 = OwnerArchiverTest.JAN_1;
    static final long DAY = OwnerArchiverTest.DAY;

    @TempDir
    Path dir;
    final byte[] key = TestNode.newKey();
    final CommunityId id = TestNode.idOf(key);
    final InMemoryBackend bittorrent = InMemoryBackend.bittorrent();
    final InProcessNetwork network = new InProcessNetwork();
    final VirtualTaskScheduler time = new VirtualTaskScheduler(Instant.ofEpochSecond(JAN_1 + 21 * DAY));
    final GroupKeyMaterial groupKey = new GroupKeyMaterial(1_700_000_000_000L, new byte[32]);
    AnnouncementRecorder heard;
    TestNode owner;
    TestNode member;
    final List<ArchivedMessage> history = new ArrayList<>();

    /** An encrypted community (the kept index is stored sealed and decrypted for the listing) of three weeks. */
    void setUp(ArchiveSettings memberSettings) throws Exception {
        heard = new AnnouncementRecorder(network);
        owner = new TestNode(dir.resolve("owner"), network, time, bittorrent);
        member = new TestNode(dir.resolve("member"), network, time, bittorrent);
        owner.own(key, true, groupKey);
        member.join(id, true, groupKey);
        long[] ts = new long[25];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = JAN_1 + i * 20 * 3600L; // every 20 hours over three weeks
        }
        history.addAll(owner.addMessages(id, ts));
        member.scheduler.configure(memberSettings);
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        time.advance(Duration.ofSeconds(10));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {owner, member, heard}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static Set<String> hashes(List<ArchivedMessage> ms) {
        return ms.stream().map(ArchivedMessage::hashHex).collect(Collectors.toSet());
    }

    List<ArchivedMessage> within(List<ArchiveSummary> archives) {
        return history.stream().filter(m -> archives.stream().anyMatch(a -> a.range().contains(m.timestamp())))
                .toList();
    }

    List<Availability> availability() throws ArchivistException {
        return member.scheduler.archiveSummaries(id).stream().map(ArchiveSummary::availability).toList();
    }

    @Test
    void onlyTheWindowIsFetchedTheRestListedThenWidenedAndAskedForEachOnce() throws Exception {
        ArchiveSettings fiveDays = ArchiveSettings.defaults(id).withHistoryWindow(Duration.ofDays(5));
        setUp(fiveDays);

        // the owner published three weekly archives; the member's window [now - 5 d, now) reaches only the last
        List<ArchiveSummary> owned = owner.scheduler.archiveSummaries(id);
        assertEquals(3, owned.size());
        List<ArchiveSummary> listed = member.scheduler.archiveSummaries(id);
        assertEquals(owned.stream().map(ArchiveSummary::range).toList(),
                listed.stream().map(ArchiveSummary::range).toList(), "every entry of the index, in order");
        assertEquals(List.of(Availability.OUTSIDE_WINDOW, Availability.OUTSIDE_WINDOW, Availability.HELD),
                availability());
        assertEquals(1, bittorrent.archiveFetches.get(), "only the archive in the window was fetched");
        List<ArchivedMessage> recent = within(listed.subList(2, 3));
        assertEquals(hashes(recent), member.host.messageHashes(id));
        assertEquals(recent.size(), member.host.importedMessages());
        ArchiveSummary held = listed.get(2);
        assertEquals(Set.of(StorageBackend.BITTORRENT), held.storedOn());
        assertEquals(recent.size(), held.messages().getAsInt(), "the import counted its messages");
        assertTrue(held.verified(), "the import decoded it and found every message in range");
        assertEquals(owned.get(2).bytes(), held.bytes(), "the blob size, as the owner's");
        ArchiveSummary left = listed.get(0);
        assertTrue(left.messages().isEmpty() && !left.verified(), "nothing is known of an archive not fetched");
        assertTrue(left.bytes().isPresent(), "a BitTorrent index says each blob's size");

        // listing is read from memory: no index fetch, however often it is called
        int indexFetches = bittorrent.indexFetches.get();
        for (int i = 0; i < 50; i++) {
            member.scheduler.archiveSummaries(id);
        }
        assertEquals(indexFetches, bittorrent.indexFetches.get());

        // a restart keeps the listing (the kept index) and fetches nothing more
        member.restart();
        member.scheduler.configure(fiveDays);
        time.advance(Duration.ofMinutes(1));
        assertEquals(listed, member.scheduler.archiveSummaries(id));
        assertEquals(1, bittorrent.archiveFetches.get());

        // widening the window at run time fetches what it now reaches, at once
        member.scheduler.configure(fiveDays.withHistoryWindow(Duration.ofDays(10)));
        time.advance(Duration.ofSeconds(10));
        assertEquals(List.of(Availability.OUTSIDE_WINDOW, Availability.HELD, Availability.HELD), availability());
        assertEquals(2, bittorrent.archiveFetches.get());
        assertEquals(hashes(within(listed.subList(1, 3))), member.host.messageHashes(id));

        // a range asked for on demand: recorded, then the restart before it ran does not lose it
        TimeRange firstDay = TimeRange.of(JAN_1, JAN_1 + DAY);
        List<ArchiveSummary> selected = member.scheduler.fetchRange(id, firstDay);
        assertEquals(List.of(listed.get(0).range()), selected.stream().map(ArchiveSummary::range).toList());
        assertEquals(Availability.MISSING, selected.get(0).availability(), "asked for: missing until fetched");
        member.restart();
        member.scheduler.configure(fiveDays.withHistoryWindow(Duration.ofDays(10)));
        time.advance(Duration.ofSeconds(10));
        assertEquals(List.of(Availability.HELD, Availability.HELD, Availability.HELD), availability());
        assertEquals(3, bittorrent.archiveFetches.get(), "each archive fetched once");
        assertEquals(hashes(history), member.host.messageHashes(id));
        assertEquals(history.size(), member.host.importedMessages(), "each message handed over once");

        // narrowing the window later drops nothing held; another restart fetches nothing
        member.restart();
        member.scheduler.configure(fiveDays);
        time.advance(Duration.ofMinutes(1));
        assertEquals(List.of(Availability.HELD, Availability.HELD, Availability.HELD), availability());
        assertEquals(3, bittorrent.archiveFetches.get());
        assertEquals(history.size(), member.host.importedMessages());
    }

    @Test
    void aNewArchiveInTheWindowIsFetchedTheOldOnesStayOut() throws Exception {
        ArchiveSettings fiveDays = ArchiveSettings.defaults(id).withHistoryWindow(Duration.ofDays(5));
        setUp(fiveDays);
        history.addAll(owner.addMessages(id, JAN_1 + 22 * DAY, JAN_1 + 23 * DAY));
        time.advance(Duration.ofDays(7)); // the owner's next run and announcement
        assertEquals(List.of(Availability.OUTSIDE_WINDOW, Availability.OUTSIDE_WINDOW, Availability.HELD,
                Availability.HELD), availability(), "the window moved with the clock; what is held stays held");
        assertEquals(2, bittorrent.archiveFetches.get(), "only the new archive was fetched");
        assertEquals(2, member.scheduler.community(id).orElseThrow().archives(), "the status counts the held ones");
    }

    @Test
    void aWantedArchiveIsMissingUntilItsFetchSucceeds() throws Exception {
        bittorrent.beforeArchiveFetch = location -> {
            throw new IllegalStateException("injected: the peer went away");
        };
        setUp(ArchiveSettings.defaults(id).withHistoryWindow(Duration.ofDays(5)));
        assertEquals(List.of(Availability.OUTSIDE_WINDOW, Availability.OUTSIDE_WINDOW, Availability.MISSING),
                availability(), "listed from the kept index although no archive could be fetched");
        bittorrent.beforeArchiveFetch = location -> { };
        time.advance(Duration.ofMinutes(2)); // the download's retry
        assertEquals(List.of(Availability.OUTSIDE_WINDOW, Availability.OUTSIDE_WINDOW, Availability.HELD),
                availability());
    }

    @Test
    void withoutAWindowEveryArchiveIsFetchedAndListedHeld() throws Exception {
        setUp(ArchiveSettings.defaults(id));
        assertEquals(List.of(Availability.HELD, Availability.HELD, Availability.HELD), availability());
        assertEquals(hashes(history), member.host.messageHashes(id));
        int total = member.scheduler.archiveSummaries(id).stream().mapToInt(s -> s.messages().getAsInt()).sum();
        assertEquals(history.size(), total);
    }

    @Test
    void aKeptIndexWhoseBackendIsNotBackYetIsListedOnceItIs() throws Exception {
        setUp(ArchiveSettings.defaults(id).withHistoryWindow(Duration.ofDays(5)));
        List<ArchiveSummary> before = member.scheduler.archiveSummaries(id);
        member.backends.remove(StorageBackend.BITTORRENT, bittorrent);
        member.restart();
        member.scheduler.configure(ArchiveSettings.defaults(id).withHistoryWindow(Duration.ofDays(5)));
        time.runDue();
        assertEquals(List.of(), member.scheduler.archiveSummaries(id), "no backend to decode the kept index with");
        member.backends.add(StorageBackend.BITTORRENT, bittorrent);
        member.scheduler.backendAdded(StorageBackend.BITTORRENT);
        time.advance(Duration.ofSeconds(10));
        assertEquals(before, member.scheduler.archiveSummaries(id));
        assertEquals(1, bittorrent.archiveFetches.get(), "nothing fetched again");
    }

    @Test
    void fetchRangeIsForMembersOfConfiguredCommunities() throws Exception {
        setUp(ArchiveSettings.defaults(id));
        ArchivistException owns = assertThrows(ArchivistException.class,
                () -> owner.scheduler.fetchRange(id, TimeRange.of(JAN_1, JAN_1 + DAY)));
        assertTrue(owns.getMessage().contains("control node"), owns.getMessage());
        CommunityId other = TestNode.idOf(TestNode.newKey());
        ArchivistException unknown = assertThrows(ArchivistException.class,
                () -> member.scheduler.fetchRange(other, TimeRange.of(JAN_1, JAN_1 + DAY)));
        assertTrue(unknown.getMessage().contains("no archive configuration"), unknown.getMessage());
        assertThrows(ArchivistException.class, () -> member.scheduler.archiveSummaries(other));
        assertThrows(ArchivistException.class, () -> member.scheduler.verifyArchives(id),
                "a member's archives are checked at import, not read back");
    }

    @Test
    void requestedRangesAreMergedAndWindowsSelectByOverlap() {
        List<TimeRange> merged = RequestedRanges.merge(List.of(TimeRange.of(10, 20), TimeRange.of(40, 50)),
                TimeRange.of(15, 40));
        assertEquals(List.of(TimeRange.of(10, 50)), merged);
        assertEquals(merged, RequestedRanges.parse(RequestedRanges.format(merged)));
        assertEquals(List.of(TimeRange.of(1, 2), TimeRange.of(5, 6)),
                RequestedRanges.merge(List.of(TimeRange.of(5, 6)), TimeRange.of(1, 2)));
        ArchiveSettings tenSeconds = ArchiveSettings.defaults(id).withHistoryWindow(Duration.ofSeconds(10));
        HistoryWindow w = HistoryWindow.of(tenSeconds, 100, List.of(TimeRange.of(20, 30)));
        assertTrue(w.wants(TimeRange.of(85, 91)), "ends inside the window");
        assertTrue(!w.wants(TimeRange.of(80, 90)), "ends where the window starts");
        assertTrue(w.wants(TimeRange.of(29, 35)), "overlaps a requested range");
        assertTrue(!w.wants(TimeRange.of(30, 35)), "touches it only");
        assertTrue(HistoryWindow.of(ArchiveSettings.defaults(id), 100, List.of()).wants(TimeRange.of(0, 1)));
    }
}
