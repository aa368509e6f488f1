package org.archivist.core.format;

import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.IndexEntry;
import org.archivist.api.storage.LinkKind;
import org.archivist.proto.WakuMessageArchiveIndex;
import org.archivist.proto.WakuMessageArchiveIndexMetadata;
import org.junit.jupiter.api.Test;

class IndexCodecTest {
    private static final IndexEntry FIRST = ArchiveIds.entry(metadata(JAN_1_2020, JAN_1_2020 + WEEK),
            new PieceRange(0, 102400, 100));
    private static final IndexEntry SECOND = ArchiveIds.entry(metadata(JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK),
            new PieceRange(102400, 204800, 5));

    @Test
    void bitTorrentIndexRoundTripsAndIsDetected() throws Exception {
        byte[] index = IndexCodec.encode(IndexCodec.Shape.PIECE_RANGES, List.of(SECOND, FIRST));
        assertEquals(List.of(FIRST, SECOND), IndexCodec.decode(index, DecodeLimits.DEFAULT));
        assertEquals(List.of(FIRST, SECOND), IndexCodec.decode(index, IndexCodec.Shape.PIECE_RANGES, DecodeLimits.DEFAULT));
        // what the generated (reference) parser sees: the same map of id -> metadata
        WakuMessageArchiveIndex parsed = WakuMessageArchiveIndex.parseFrom(index);
        assertEquals(0, parsed.getArchivesOrThrow(FIRST.archiveId()).getOffset());
        assertEquals(204800, parsed.getArchivesOrThrow(SECOND.archiveId()).getSize());
    }

    @Test
    void codexIndexRoundTripsAndIsDetected() throws Exception {
        IndexEntry a = ArchiveIds.entry(metadata(JAN_1_2020, JAN_1_2020 + WEEK), new ContentAddress("zDvZRwzmA1"));
        IndexEntry b = ArchiveIds.entry(metadata(JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK),
                new ContentAddress("zDvZRwzmB2"));
        byte[] index = IndexCodec.encode(IndexCodec.Shape.CONTENT_ADDRESSES, List.of(a, b));
        assertEquals(List.of(a, b), IndexCodec.decode(index, DecodeLimits.DEFAULT));
        assertEquals(List.of(a, b), IndexCodec.decode(index, IndexCodec.Shape.CONTENT_ADDRESSES, DecodeLimits.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> IndexCodec.encode(IndexCodec.Shape.PIECE_RANGES, List.of(a)));
        var e = assertThrows(MalformedEncodingException.class,
                () -> IndexCodec.decode(index, IndexCodec.Shape.PIECE_RANGES, DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("'offset' (3) has wire type 2"), e.getMessage());
    }

    @Test
    void emptyIndexDecodesToNoEntries() throws Exception {
        assertEquals(List.of(), IndexCodec.decode(new byte[0], DecodeLimits.DEFAULT));
    }

    @Test
    void alteredEntryNoLongerMatchesItsId() {
        byte[] index = WakuMessageArchiveIndex.newBuilder().putArchives(FIRST.archiveId(),
                ArchiveIds.pieceRangeMetadata(FIRST.metadata(), new PieceRange(0, 204800, 100))).build().toByteArray();
        var e = assertThrows(InconsistentIndexException.class, () -> IndexCodec.decode(index, DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("is not the hash of its metadata"), e.getMessage());
    }

    @Test
    void paddingNotBelowSizeIsRejected() {
        assertEquals("padding", rejectRaw(0, 102400, 102400));
        assertEquals("padding", rejectRaw(0, 0, 0));
    }

    @Test
    void overlappingEntriesAreRejected() {
        IndexEntry overlapping = ArchiveIds.entry(metadata(JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK),
                new PieceRange(102300, 102400, 5));
        var e = assertThrows(InconsistentIndexException.class,
                () -> IndexCodec.decode(IndexCodec.encode(IndexCodec.Shape.PIECE_RANGES, List.of(FIRST, overlapping)), DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    @Test
    void entriesPastTheEndOfTheDataAreRejected() throws Exception {
        List<IndexEntry> entries = IndexCodec.decode(IndexCodec.encode(IndexCodec.Shape.PIECE_RANGES, List.of(FIRST, SECOND)), DecodeLimits.DEFAULT);
        IndexCodec.checkWithin(entries, 307200);
        var e = assertThrows(InconsistentIndexException.class, () -> IndexCodec.checkWithin(entries, 307199));
        assertTrue(e.getMessage().contains("ends past the end of the data (307199 bytes)"), e.getMessage());
    }

    @Test
    void tooManyEntriesAreRejected() {
        var limits = new DecodeLimits(1 << 20, 1 << 20, 1, 100);
        assertThrows(InconsistentIndexException.class,
                () -> IndexCodec.decode(IndexCodec.encode(IndexCodec.Shape.PIECE_RANGES, List.of(FIRST, SECOND)), limits));
    }

    @Test
    void mixingKindsIsRefused() {
        IndexEntry codex = ArchiveIds.entry(metadata(JAN_1_2020, JAN_1_2020 + WEEK), new ContentAddress("zDv1"));
        assertThrows(IllegalArgumentException.class, () -> IndexCodec.encode(IndexCodec.Shape.PIECE_RANGES, List.of(FIRST, codex)));
    }

    private static String rejectRaw(long offset, long size, long padding) {
        WakuMessageArchiveIndexMetadata md = WakuMessageArchiveIndexMetadata.newBuilder()
                .setMetadata(ProtoMapping.toProto(FIRST.metadata())).setOffset(offset).setSize(size).setPadding(padding)
                .build();
        byte[] index = WakuMessageArchiveIndex.newBuilder().putArchives(Keccak256.hex(md.toByteArray()), md).build()
                .toByteArray();
        var e = assertThrows(InconsistentIndexException.class, () -> IndexCodec.decode(index, DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("padding below size"), e.getMessage());
        return "padding";
    }
}
