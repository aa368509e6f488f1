package org.archivist.core.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HexFormat;
import java.util.List;

import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.core.format.ArchiveIds;
import org.junit.jupiter.api.Test;

/**
 * Archive ids over several topics in the host's (non-sorted) chat order, as status-go hashes them. The expected
 * bytes were written by hand from the proto3 rules (fields in number order, defaults omitted, {@code offset=0}
 * absent) and the ids computed with a separate Keccak-256 (a plain Python implementation of Keccak-f[1600],
 * checked against the empty-string and "abc" digests), not with this code's Bouncy Castle.
 */
class TopicOrderArchiveIdTest {
    /** The host's chat order: not sorted. */
    static final List<ContentTopic> HOST_ORDER = List.of(ContentTopic.of("9f1c2d01"), ContentTopic.of("00112233"),
            ContentTopic.of("ffee0102"), ContentTopic.of("5a5a5a5a"));
    static final TimeRange WEEK = TimeRange.of(1704067200L, 1704672000L); // 2024-01-01 .. 2024-01-08
    static final ArchiveMetadata METADATA = new ArchiveMetadata(WEEK, HOST_ORDER);

    /** WakuMessageArchiveMetadata{from, to, contentTopic x4 in host order}, inside field 2. */
    static final String METADATA_FIELD = "1224" + "108081c8ac06" + "1880f6ecac06" + "22049f1c2d01" + "220400112233"
            + "2204ffee0102" + "22045a5a5a5a";

    @Test
    void firstArchiveAtOffsetZero() {
        PieceRange at = new PieceRange(0, 102400, 102390);
        assertEquals(METADATA_FIELD + "2080a006" + "28f69f06", hex(ArchiveIds.encodedIndexMetadata(METADATA, at)),
                "offset 0 is a proto3 default: absent");
        assertEquals("0x309f6a18c3692134ddc0f2f78b36028a0cd166f97efa4c6ff1e5c6d34acf4aa2",
                MagnetLinkFormat.INSTANCE.archiveId(METADATA, at));
    }

    @Test
    void laterArchiveInHostOrderAndItsSortedTwinDiffer() {
        PieceRange at = new PieceRange(102400, 204800, 10);
        assertEquals(METADATA_FIELD + "1880a006" + "2080c00c" + "280a", hex(ArchiveIds.encodedIndexMetadata(METADATA, at)));
        assertEquals("0x714594a521cddc20a1c0e36c379b23e2c4a31a1de15ae1b471ec4db12e8d6016",
                MagnetLinkFormat.INSTANCE.archiveId(METADATA, at));
        ArchiveMetadata sorted = new ArchiveMetadata(WEEK, HOST_ORDER.stream().sorted().toList());
        assertEquals("0x277349dcdfaa6349e878186721a90a338f393e9452ef1aa617503f576623fb73",
                MagnetLinkFormat.INSTANCE.archiveId(sorted, at), "sorting the topics gives another id");
        assertNotEquals(MagnetLinkFormat.INSTANCE.archiveId(sorted, at), MagnetLinkFormat.INSTANCE.archiveId(METADATA, at));
    }

    @Test
    void codexArchiveInHostOrder() {
        String cid = "zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy";
        ContentAddress at = new ContentAddress(cid);
        assertArrayEquals(HexFormat.of().parseHex(METADATA_FIELD + "1a34" + HexFormat.of().formatHex(cid.getBytes())),
                ArchiveIds.encodedIndexMetadata(METADATA, at));
        assertEquals("0xfbae9360cadc9daf93576ead8f2ad73a46f2aa7955bd004233ff3b1196ee2969",
                IndexCidLinkFormat.INSTANCE.archiveId(METADATA, at));
    }

    @Test
    void metadataKeepsTheOrderItIsGiven() {
        assertEquals(HOST_ORDER, METADATA.topics());
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
