package org.archivist.core.format;

import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.junit.jupiter.api.Test;

/**
 * Byte-level vectors. The expected bytes and hashes were computed once, independently of this code, by a
 * pure-Python Keccak-256 (itself checked against the published vectors below) over hand-assembled proto3
 * bytes (fields in number order, defaults omitted).
 */
class FormatVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void paddingFollowsStatusGoIncludingTheExtraWholePiece() {
        assertEquals(new PieceRange(0, 102400, 102399), PieceLayout.place(0, 1));
        assertEquals(new PieceRange(0, 102400, 0), PieceLayout.place(0, 102400));
        assertEquals(new PieceRange(0, 204800, 102399), PieceLayout.place(0, 102401));
        assertEquals(new PieceRange(0, 307200, 102400), PieceLayout.place(0, 204800));
        assertEquals(new PieceRange(307200, 102400, 102300), PieceLayout.place(307200, 100));
        assertThrows(IllegalArgumentException.class, () -> PieceLayout.paddedSize(0));
    }

    @Test
    void keccakIsEthereumKeccakNotSha3() {
        assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Keccak256.hex(new byte[0]));
        assertEquals("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
                Keccak256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void firstArchiveIdOmitsTheZeroOffset() {
        PieceRange at0 = new PieceRange(0, 102400, 102000);
        assertArrayEquals(HEX.parseHex("12181080c2aff0051880b7d4f0052204010203042204aabbccdd2080a00628f09c06"),
                ArchiveIds.encodedIndexMetadata(metadata(JAN_1_2020, JAN_1_2020 + WEEK), at0));
        assertEquals("0x7624c031841c0227a66987f62cd845138078600fd97035716d1919e11bb77146",
                ArchiveIds.of(metadata(JAN_1_2020, JAN_1_2020 + WEEK), at0));
    }

    @Test
    void laterArchiveIdCoversOffsetSizeAndPadding() {
        PieceRange later = new PieceRange(102400, 307200, 102400);
        assertArrayEquals(HEX.parseHex("12181080c2aff0051880b7d4f0052204010203042204aabbccdd1880a0062080e0122880a006"),
                ArchiveIds.encodedIndexMetadata(metadata(JAN_1_2020, JAN_1_2020 + WEEK), later));
        assertEquals("0x1c1d6334e86bb4c2f68f895a1835764f8a2fbe4cf1917b5fe54f2ccd4570de5e",
                ArchiveIds.of(metadata(JAN_1_2020, JAN_1_2020 + WEEK), later));
    }

    @Test
    void codexArchiveIdHashesTheCidMetadata() {
        ContentAddress cid = new ContentAddress("zDvZRwzmAbc");
        assertArrayEquals(HEX.parseHex("12181080c2aff0051880b7d4f0052204010203042204aabbccdd1a0b7a44765a52777a6d416263"),
                ArchiveIds.encodedIndexMetadata(metadata(JAN_1_2020, JAN_1_2020 + WEEK), cid));
        assertEquals("0x949bef6145b8d48820b8be5ea7a3d365d7304ea6f33cd9a1b371ee51820d6ac1",
                ArchiveIds.of(metadata(JAN_1_2020, JAN_1_2020 + WEEK), cid));
    }
}
