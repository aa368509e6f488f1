package org.archivist.core.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.AnnouncementChat;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkFormat;
import org.archivist.proto.CommunityMessageArchiveMagnetlink;
import org.junit.jupiter.api.Test;

class StatusAnnouncementsTest {
    static final String MAGNET = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=x";
    static final String CID = "zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy";
    final StatusAnnouncements codec = StatusAnnouncements.DEFAULT;

    @Test
    void noDefaultTypeIsANumberStatusGoUsesForAnotherMessage() {
        assertEquals(43, AnnouncementTypes.DEFAULT.magnetlink(), "status-go's COMMUNITY_MESSAGE_ARCHIVE_MAGNETLINK");
        assertFalse(AnnouncementTypes.usedByStatusGo(AnnouncementTypes.DEFAULT.archiveLink()));
        for (LinkFormat f : List.of(MagnetLinkFormat.INSTANCE, IndexCidLinkFormat.INSTANCE)) {
            int type = f.announcementType();
            assertTrue(type == 43 || !AnnouncementTypes.usedByStatusGo(type), f + " uses " + type);
            assertEquals(codec.typeOf(f), type, "the format and the codec agree on the default");
        }
        assertTrue(AnnouncementTypes.usedByStatusGo(76), "SYNC_ACTIVITY_CENTER_UNREAD");
        assertTrue(AnnouncementTypes.usedByStatusGo(90), "COMMUNITY_SHARED_ADDRESSES_RESPONSE");
    }

    @Test
    void configuredTypesRefuseStatusGoNumbersAndClashes() {
        assertThrows(IllegalArgumentException.class, () -> new AnnouncementTypes(43, 76));
        assertThrows(IllegalArgumentException.class, () -> new AnnouncementTypes(43, 43));
        assertThrows(IllegalArgumentException.class, () -> new AnnouncementTypes(25, 4301), "COMMUNITY_DESCRIPTION");
        assertThrows(IllegalArgumentException.class, () -> new AnnouncementTypes(43, 0));
        assertThrows(IllegalArgumentException.class, () -> new AnnouncementTypes(4301, 4301));
        AnnouncementTypes upstream = new AnnouncementTypes(43, 91);
        StatusAnnouncements configured = new StatusAnnouncements(upstream);
        assertEquals(91, configured.encode(IndexCidLinkFormat.INSTANCE, new Announcement(1, CID)).type());
        assertEquals(91, configured.typeOf(IndexCidLinkFormat.INSTANCE));
    }

    @Test
    void magnetLinkGoesOutAsStatusGoSendsItToday() throws Exception {
        StatusAnnouncements.Outgoing out = codec.encode(MagnetLinkFormat.INSTANCE, new Announcement(1700000000123L, MAGNET));
        assertEquals(AnnouncementChat.MAGNETLINKS, out.chat());
        assertEquals(43, out.type());
        CommunityMessageArchiveMagnetlink m = CommunityMessageArchiveMagnetlink.parseFrom(out.payload());
        assertEquals(1700000000123L, m.getClock());
        assertEquals(MAGNET, m.getMagnetUri());
    }

    @Test
    void indexCidGoesOutAsArchiveLinkOnTheUniversalChatWithTheProvisionalFieldNumbers() {
        StatusAnnouncements.Outgoing out = codec.encode(IndexCidLinkFormat.INSTANCE, new Announcement(300, CID));
        assertEquals(AnnouncementChat.UNIVERSAL, out.chat());
        assertEquals(AnnouncementTypes.ARCHIVE_LINK_PROVISIONAL, out.type());
        // field 1 varint 300 (0xac 0x02), field 2 length-delimited link
        byte[] cid = CID.getBytes(StandardCharsets.UTF_8);
        byte[] expected = new byte[5 + cid.length];
        expected[0] = 0x08;
        expected[1] = (byte) 0xac;
        expected[2] = 0x02;
        expected[3] = 0x12;
        expected[4] = (byte) cid.length;
        System.arraycopy(cid, 0, expected, 5, cid.length);
        assertArrayEquals(expected, out.payload());
    }

    @Test
    void receivesEitherMessageAndEitherKindOfLinkInAnArchiveLink() throws Exception {
        byte[] magnetlink = MagnetLinkFormat.INSTANCE.encodeAnnouncement(new Announcement(7, MAGNET));
        assertEquals(Optional.of(new StatusAnnouncements.Decoded(MagnetLinkFormat.KIND, new Announcement(7, MAGNET))),
                codec.decode(43, magnetlink, List.of()));
        byte[] archiveMagnet = codec.encode(IndexCidLinkFormat.INSTANCE, new Announcement(8, MAGNET)).payload();
        assertEquals(Optional.of(new StatusAnnouncements.Decoded(MagnetLinkFormat.KIND, new Announcement(8, MAGNET))),
                codec.decode(AnnouncementTypes.ARCHIVE_LINK_PROVISIONAL, archiveMagnet, List.of()));
        byte[] archiveCid = codec.encode(IndexCidLinkFormat.INSTANCE, new Announcement(9, CID)).payload();
        assertEquals(Optional.of(new StatusAnnouncements.Decoded(IndexCidLinkFormat.KIND, new Announcement(9, CID))),
                codec.decode(AnnouncementTypes.ARCHIVE_LINK_PROVISIONAL, archiveCid, List.of()));
        assertEquals(Optional.empty(), codec.decode(76, archiveCid, List.of(IndexCidLinkFormat.INSTANCE)),
                "76 is status-go's SYNC_ACTIVITY_CENTER_UNREAD");
        assertThrows(InvalidArchiveException.class, () -> codec.decode(43, new byte[] {0x12, 0x05, 'm'}, List.of()));
        assertThrows(InvalidArchiveException.class, () -> codec.decode(AnnouncementTypes.ARCHIVE_LINK_PROVISIONAL,
                new byte[] {0x08, 0x01}, List.of()), "no link");
    }
}
