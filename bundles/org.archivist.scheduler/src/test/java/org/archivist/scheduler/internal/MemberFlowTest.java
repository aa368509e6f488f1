package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.host.ReceivedAnnouncement;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.LinkKind;
import org.archivist.core.link.AnnouncementTypes;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.api.storage.StorageBackend;
import org.archivist.host.reference.InProcessNetwork;
import org.archivist.host.reference.ReferenceNode.GroupKeyMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member's side: the checks of spec section 6, download, import under the rate limit, resume, retry. */
class MemberFlowTest {
    static final long JAN_1 = OwnerArchiverTest.JAN_1;
    static final long DAY = OwnerArchiverTest.DAY;

    @TempDir
    Path dir;
    final byte[] key = TestNode.newKey();
    final CommunityId id = TestNode.idOf(key);
    final InMemoryBackend bittorrent = InMemoryBackend.bittorrent();
    final InMemoryBackend codex = InMemoryBackend.codex();
    final InProcessNetwork network = new InProcessNetwork();
    final VirtualTaskScheduler time = new VirtualTaskScheduler(Instant.ofEpochSecond(JAN_1 + 21 * DAY));
    AnnouncementRecorder heard;
    TestNode owner;
    TestNode member;
    List<ArchivedMessage> history = new ArrayList<>();

    void setUp(boolean encrypted, GroupKeyMaterial ownerKey, GroupKeyMaterial... memberKeys) throws Exception {
        heard = new AnnouncementRecorder(network);
        owner = new TestNode(dir.resolve("owner"), network, time, bittorrent, codex);
        member = new TestNode(dir.resolve("member"), network, time, bittorrent, codex);
        if (ownerKey == null) {
            owner.own(key, encrypted);
        } else {
            owner.own(key, encrypted, ownerKey);
        }
        member.join(id, encrypted, memberKeys);
        long[] ts = new long[25];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = JAN_1 + i * 20 * 3600L; // every 20 hours over three weeks
        }
        history.addAll(owner.addMessages(id, ts));
    }

    void setUp() throws Exception {
        setUp(false, null);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {owner, member, heard}) {
            if (c != null) {
                c.close();
            }
        }
    }

    Set<String> hashes(List<ArchivedMessage> ms) {
        return ms.stream().map(ArchivedMessage::hashHex).collect(Collectors.toSet());
    }

    ReceivedAnnouncement announcement(byte[] signerKey, LinkFormat format, long clock, String link,
            ReceivedAnnouncement.Origin origin) {
        return new ReceivedAnnouncement(id, TestNode.idOf(signerKey), format.announcementType(),
                format.encodeAnnouncement(new Announcement(clock, link)), origin);
    }

    @Test
    void memberEndsWithExactlyTheOwnersMessagesEachOnceUnderTheRateLimit() throws Exception {
        setUp();
        member.scheduler.configure(ArchiveSettings.defaults(id));
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        assertEquals(1, heard.heard.size());
        // 3 archives of 7, 9 and 9 messages; the first chunk goes at once, then 10 messages per second
        assertEquals(3, member.state(id).archiveCount());
        assertTrue(member.host.messageCount(id) < history.size(), "the rate limit spreads the import");
        time.advance(Duration.ofSeconds(5));
        assertEquals(hashes(history), member.host.messageHashes(id));
        assertEquals(history.size(), member.host.importedMessages(), "each message handed over once");
        assertEquals(3, member.state(id).importedCount());
        assertEquals(bittorrent.currentLink(id), member.state(id).lastLink(MagnetLinkFormat.KIND));
        assertEquals(List.of(ArchiveEvent.Type.DOWNLOAD_STARTED, ArchiveEvent.Type.ARCHIVE_DOWNLOADED,
                ArchiveEvent.Type.ARCHIVE_DOWNLOADED, ArchiveEvent.Type.ARCHIVE_DOWNLOADED, ArchiveEvent.Type.SEEDING,
                ArchiveEvent.Type.IMPORTING, ArchiveEvent.Type.IMPORTING, ArchiveEvent.Type.IMPORTING,
                ArchiveEvent.Type.FINISHED), member.eventTypes());
        assertEquals(0, time.pending() - 1, "idle but the owner's next tick");
        var memberStatus = member.scheduler.community(id).orElseThrow();
        assertEquals(false, memberStatus.controlNode());
        assertEquals(3, memberStatus.archives());
        assertEquals(3, memberStatus.imported());
        assertEquals(Set.of(bittorrent.currentLink(id).orElseThrow()), memberStatus.links());
        var ownerStatus = owner.scheduler.community(id).orElseThrow();
        assertEquals(true, ownerStatus.controlNode());
        assertEquals(Set.of(StorageBackend.BITTORRENT), ownerStatus.backends());
        assertEquals(JAN_1 + 21 * DAY, ownerStatus.lastArchiveEnd().getAsLong());
        assertEquals(memberStatus.links(), ownerStatus.links());

        // the next week: only the new archive is fetched
        List<ArchivedMessage> more = owner.addMessages(id, JAN_1 + 22 * DAY, JAN_1 + 23 * DAY);
        history.addAll(more);
        time.advance(Duration.ofDays(7));
        assertEquals(4, bittorrent.archiveFetches.get());
        assertEquals(hashes(history), member.host.messageHashes(id));
        assertEquals(history.size(), member.host.importedMessages());
    }

    @Test
    void ignoresStaleClocksRepeatedLinksAndOtherSigners() throws Exception {
        setUp();
        member.scheduler.configure(ArchiveSettings.defaults(id));
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        time.advance(Duration.ofSeconds(5));
        long clock = member.state(id).clock(MagnetLinkFormat.KIND);
        String link = member.state(id).lastLink(MagnetLinkFormat.KIND).orElseThrow();
        int fetches = bittorrent.indexFetches.get();
        var ch = ReceivedAnnouncement.Origin.ARCHIVE_CHANNEL;

        assertEquals(MemberFlow.Verdict.SAME_LINK,
                member.scheduler.verdict(announcement(key, MagnetLinkFormat.INSTANCE, clock + 5, link, ch)));
        assertEquals(MemberFlow.Verdict.STALE_CLOCK,
                member.scheduler.verdict(announcement(key, MagnetLinkFormat.INSTANCE, clock - 1, "magnet:?xt=urn:btih:00", ch)));
        byte[] intruder = TestNode.newKey();
        assertEquals(MemberFlow.Verdict.NOT_SIGNED_BY_COMMUNITY,
                member.scheduler.verdict(announcement(intruder, MagnetLinkFormat.INSTANCE, clock + 9, "magnet:?xt=urn:btih:01", ch)));
        assertEquals(MemberFlow.Verdict.CONTROL_NODE,
                owner.scheduler.verdict(announcement(key, MagnetLinkFormat.INSTANCE, clock + 9, "magnet:?xt=urn:btih:02", ch)));

        // an intruder's frame on the community's chat, through the real channel: verified, then refused
        network.sendSigned(InProcessNetwork.archiveChat(id), 43,
                MagnetLinkFormat.INSTANCE.encodeAnnouncement(new Announcement(clock + 10, "magnet:?xt=urn:btih:03")), intruder);
        time.advance(Duration.ofMinutes(5));
        assertEquals(fetches, bittorrent.indexFetches.get(), "nothing fetched for ignored announcements");
        assertEquals(clock, member.state(id).clock(MagnetLinkFormat.KIND), "ignored announcements leave the clock");

        // equal clock with a new link is accepted (status-go: >=); the join-response path skips the clock
        assertEquals(MemberFlow.Verdict.ACCEPTED,
                member.scheduler.verdict(announcement(key, MagnetLinkFormat.INSTANCE, clock, "magnet:?xt=urn:btih:04", ch)));
        assertEquals(MemberFlow.Verdict.ACCEPTED, member.scheduler.verdict(announcement(key, MagnetLinkFormat.INSTANCE, 1,
                "magnet:?xt=urn:btih:05", ReceivedAnnouncement.Origin.JOIN_RESPONSE)));
        member.scheduler.configure(ArchiveSettings.defaults(id).withDistribution(Set.of("codex")));
        assertEquals(MemberFlow.Verdict.NOT_PREFERRED,
                member.scheduler.verdict(announcement(key, MagnetLinkFormat.INSTANCE, clock + 20, "magnet:?xt=urn:btih:06", ch)));
    }

    @Test
    void acceptsAMagnetLinkInAnArchiveLinkMessageOnTheUniversalChatAndNeverType76() throws Exception {
        setUp();
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue(); // announced (type 43) before the member is configured: it ignores that one
        String link = bittorrent.currentLink(id).orElseThrow();
        member.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        assertTrue(member.state(id).lastLink(MagnetLinkFormat.KIND).isEmpty());

        byte[] cidShaped = org.archivist.proto.CommunityMessageArchiveLink.newBuilder().setClock(clockNow())
                .setArchiveLink(link).build().toByteArray();
        assertEquals(MemberFlow.Verdict.UNKNOWN_TYPE, member.scheduler.verdict(new ReceivedAnnouncement(id, id, 76,
                cidShaped, ReceivedAnnouncement.Origin.ARCHIVE_CHANNEL)),
                "76 is status-go's SYNC_ACTIVITY_CENTER_UNREAD, never an announcement");

        // the owner's real archive set, announced as later status-go does: CommunityMessageArchiveLink on the
        // universal chat, signed by the community, through the real channel
        byte[] payload = org.archivist.proto.CommunityMessageArchiveLink.newBuilder().setClock(clockNow() + 1)
                .setArchiveLink(link).build().toByteArray();
        network.sendSigned(id.hex() + "-memberUpdate", AnnouncementTypes.ARCHIVE_LINK_PROVISIONAL, payload, key);
        time.advance(Duration.ofSeconds(10));
        assertEquals(java.util.Optional.of(link), member.state(id).lastLink(MagnetLinkFormat.KIND),
                "a magnet link in an archive-link message is a BitTorrent link");
        assertEquals(clockNow() - Duration.ofSeconds(10).toMillis() + 1, member.state(id).clock(MagnetLinkFormat.KIND));
        assertEquals(hashes(history), member.host.messageHashes(id));
    }

    @Test
    void aJoinResponsesBareMagnetLinkIsDownloadedWithoutTheClockCheck() throws Exception {
        setUp();
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue(); // announced before the member is configured: missed
        String link = bittorrent.currentLink(id).orElseThrow();
        member.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        member.state(id).setClock(MagnetLinkFormat.KIND, clockNow() + Duration.ofDays(365).toMillis());

        // the host hands over the bare magnet_uri (field 6) of status-go's accepted CommunityRequestToJoinResponse,
        // once it authenticated the response (the reference host's JoinResponses, tested in its own module)
        assertTrue(member.scheduler.acceptJoinResponseLink(id, link));
        time.advance(Duration.ofSeconds(10));
        assertEquals(hashes(history), member.host.messageHashes(id), "downloaded although its stored clock is newer");
        assertEquals(java.util.Optional.of(link), member.state(id).lastLink(MagnetLinkFormat.KIND));
        assertEquals(3, bittorrent.archiveFetches.get());

        // the same link again: no last-seen check either, and nothing held is fetched again
        assertTrue(member.scheduler.acceptJoinResponseLink(id, link));
        time.advance(Duration.ofSeconds(10));
        assertEquals(3, bittorrent.archiveFetches.get());
        assertEquals(false, member.scheduler.acceptJoinResponseLink(id, " "), "no link: nothing to do");
        org.junit.jupiter.api.Assertions.assertThrows(org.archivist.api.InvalidArchiveException.class,
                () -> member.scheduler.acceptJoinResponseLink(id, "zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy"));
        assertEquals(false, owner.scheduler.acceptJoinResponseLink(id, link), "the control node never downloads");
    }

    @Test
    void theOwnerExposesItsAnnouncedClockAndAMemberTakesAClockFloorFromItsHost() throws Exception {
        setUp();
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        long announced = heard.links().get(0).clock();
        assertEquals(java.util.Map.of(MagnetLinkFormat.KIND, announced), owner.scheduler.linkClocks(id),
                "what the host mirrors into CommunityDescription.archive_magnetlink_clock");
        assertTrue(owner.eventTypes().contains(ArchiveEvent.Type.ANNOUNCED));
        String link = bittorrent.currentLink(id).orElseThrow();

        member.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        assertEquals(java.util.Map.of(), member.scheduler.linkClocks(id));
        // the host received a community description whose archive_magnetlink_clock is newer than the announcement
        assertEquals(announced + 5, member.scheduler.raiseLinkClock(id, MagnetLinkFormat.KIND, announced + 5));
        assertEquals(announced + 5, member.scheduler.raiseLinkClock(id, MagnetLinkFormat.KIND, announced),
                "a floor is never lowered");
        assertEquals(java.util.Map.of(MagnetLinkFormat.KIND, announced + 5), member.scheduler.linkClocks(id));
        assertEquals(MemberFlow.Verdict.STALE_CLOCK, member.scheduler.verdict(heard.heard.get(0).raw()));
        assertEquals(MemberFlow.Verdict.ACCEPTED, member.scheduler.verdict(announcement(key, MagnetLinkFormat.INSTANCE,
                announced + 5, link, ReceivedAnnouncement.Origin.ARCHIVE_CHANNEL)), "equal to the floor: accepted");
        time.advance(Duration.ofSeconds(10));
        assertEquals(hashes(history), member.host.messageHashes(id));

        member.restart();
        member.scheduler.configure(ArchiveSettings.defaults(id));
        assertEquals(java.util.Map.of(MagnetLinkFormat.KIND, announced + 5), member.scheduler.linkClocks(id),
                "durable");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> member.scheduler.raiseLinkClock(id, MagnetLinkFormat.KIND, -1));
        CommunityId unknown = TestNode.idOf(TestNode.newKey());
        org.junit.jupiter.api.Assertions.assertThrows(org.archivist.api.ArchivistException.class,
                () -> member.scheduler.linkClocks(unknown));
    }

    long clockNow() {
        return time.now().toEpochMilli();
    }

    @Test
    void aNewerLinkCancelsTheRunningDownloadAndNothingHeldIsFetchedAgain() throws Exception {
        setUp();
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        owner.addMessages(id, JAN_1 + 22 * DAY).forEach(history::add);
        time.advance(Duration.ofDays(7));
        assertEquals(2, heard.heard.size());
        ReceivedAnnouncement first = heard.heard.get(0).raw();
        ReceivedAnnouncement second = heard.heard.get(1).raw();

        member.scheduler.configure(ArchiveSettings.defaults(id).withImportRate(1000));
        time.runDue();
        int[] fetches = {0};
        bittorrent.beforeArchiveFetch = location -> {
            if (++fetches[0] == 2) {
                assertEquals(MemberFlow.Verdict.ACCEPTED, member.scheduler.verdict(second));
            }
        };
        assertEquals(MemberFlow.Verdict.ACCEPTED, member.scheduler.verdict(first));
        time.advance(Duration.ofSeconds(10));
        // first link: archive 1 fetched, cancelled before archive 2; second link: the 3 others
        assertEquals(4, bittorrent.archiveFetches.get());
        assertEquals(second.payload().length > 0, true);
        assertEquals(heard.links().get(1).link(), member.state(id).lastLink(MagnetLinkFormat.KIND).orElseThrow());
        assertTrue(member.state(id).pendingLink(MagnetLinkFormat.KIND).isEmpty());
        assertEquals(hashes(history), member.host.messageHashes(id));
        assertEquals(history.size(), member.host.importedMessages());
    }

    @Test
    void resumesAnInterruptedDownloadAfterARestartWithoutRefetchingWhatIsHeld() throws Exception {
        setUp();
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        ReceivedAnnouncement link = heard.heard.get(0).raw();
        member.scheduler.configure(ArchiveSettings.defaults(id));
        int[] fetches = {0};
        bittorrent.beforeArchiveFetch = location -> {
            if (++fetches[0] == 2) {
                throw new IllegalStateException("process killed");
            }
        };
        member.scheduler.verdict(link);
        time.runDue();
        assertEquals(1, member.state(id).archiveCount());
        assertTrue(member.state(id).pendingLink(MagnetLinkFormat.KIND).isPresent());

        bittorrent.beforeArchiveFetch = location -> { };
        member.restart();
        member.scheduler.configure(ArchiveSettings.defaults(id));
        time.advance(Duration.ofSeconds(10));
        assertEquals(3, bittorrent.archiveFetches.get(), "the archive held before the restart is not fetched again");
        assertEquals(hashes(history), member.host.messageHashes(id));
        assertEquals(3, member.state(id).importedCount());
    }

    @Test
    void resumesAnInterruptedImportAfterARestart() throws Exception {
        setUp();
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        member.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        time.advance(Duration.ofMillis(1500));
        int before = member.host.messageCount(id);
        assertTrue(before > 0 && before < history.size());
        member.restart();
        time.advance(Duration.ofMinutes(1));
        assertEquals(before, member.host.messageCount(id), "nothing imports without a configuration");
        member.scheduler.configure(ArchiveSettings.defaults(id));
        time.advance(Duration.ofMinutes(1));
        assertEquals(hashes(history), member.host.messageHashes(id));
        assertEquals(3, bittorrent.archiveFetches.get());
    }

    @Test
    void failuresRetryWithExponentialBackoff() throws Exception {
        setUp();
        member.scheduler.configure(ArchiveSettings.defaults(id));
        bittorrent.failIndexFetches.set(3);
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        assertEquals(1, bittorrent.indexFetches.get());
        time.advance(Duration.ofSeconds(29));
        assertEquals(1, bittorrent.indexFetches.get());
        time.advance(Duration.ofSeconds(1));
        assertEquals(2, bittorrent.indexFetches.get(), "first retry after 30 s");
        time.advance(Duration.ofSeconds(59));
        assertEquals(2, bittorrent.indexFetches.get());
        time.advance(Duration.ofSeconds(1));
        assertEquals(3, bittorrent.indexFetches.get(), "second retry 60 s later");
        time.advance(Duration.ofSeconds(120));
        assertEquals(4, bittorrent.indexFetches.get(), "third retry 120 s later succeeds");
        time.advance(Duration.ofSeconds(5));
        assertEquals(hashes(history), member.host.messageHashes(id));
        List<ArchiveEvent> failed = member.events.stream().filter(e -> e.type() == ArchiveEvent.Type.FAILED).toList();
        assertEquals(3, failed.size(), "one FAILED event per failed attempt");
        assertTrue(failed.get(0).reason().orElseThrow().contains("injected failure"), failed.get(0).reason().get());
        assertTrue(failed.get(0).reason().get().startsWith("download of magnet:"), failed.get(0).reason().get());
        List<ArchiveEvent> downloaded = member.events.stream()
                .filter(e -> e.type() == ArchiveEvent.Type.ARCHIVE_DOWNLOADED).toList();
        assertFalse(downloaded.isEmpty());
        downloaded.forEach(e -> assertTrue(e.bytes().orElseThrow() > 0, "ARCHIVE_DOWNLOADED carries the bytes fetched"));
    }

    @Test
    void encryptedArchivesWaitAnHourForAMissingKeyThenImport() throws Exception {
        GroupKeyMaterial groupKey = new GroupKeyMaterial(1_577_836_800_000L, HexFormat.of().parseHex("42".repeat(32)));
        setUp(true, groupKey);
        member.scheduler.configure(ArchiveSettings.defaults(id));
        owner.scheduler.configure(ArchiveSettings.defaults(id));
        time.runDue();
        assertEquals(1, bittorrent.indexFetches.get());
        time.advance(Duration.ofMinutes(59));
        assertEquals(1, bittorrent.indexFetches.get(), "a missing key does not spin");
        assertEquals(0, member.host.messageCount(id));
        member.join(id, true, groupKey); // the key arrives
        time.advance(Duration.ofMinutes(1));
        assertEquals(2, bittorrent.indexFetches.get());
        time.advance(Duration.ofSeconds(5));
        assertEquals(hashes(history), member.host.messageHashes(id));
    }

    @Test
    void codexLinksAreFollowedWhenTheOwnerPublishesThere() throws Exception {
        setUp();
        ArchiveSettings both = ArchiveSettings.defaults(id).withBackends(ArchiveSettings.parseBackends("both"));
        member.scheduler.configure(ArchiveSettings.defaults(id).withDistribution(Set.of("codex")));
        owner.scheduler.configure(both);
        time.runDue();
        time.advance(Duration.ofSeconds(5));
        assertEquals(2, heard.heard.size());
        assertEquals(0, bittorrent.indexFetches.get(), "the member prefers Codex");
        assertEquals(hashes(history), member.host.messageHashes(id));
        assertEquals(codex.currentLink(id), member.state(id).lastLink(IndexCidLinkFormat.KIND));
        assertEquals(StorageBackend.CODEX, codex.name());
    }
}
