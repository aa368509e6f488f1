package org.archivist.storage.codex.cid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * Both manifest wire formats against the upstream fixtures: the current line's from
 * {@code codex-storage/nim-codex tests/storage/manifest/testwireformat.nim} (f0892456, "DO NOT MODIFY"), the
 * {@code /api/codex/v1} line's from its integration test vector ("some file contents", 56 bytes).
 */
class CodexManifestLinesTest {
    /** testwireformat.nim: fixedCid(0xAA), a raw-codec CID whose digest is 00 01 … 1E AA. */
    private static final String HEADER_PREFIX = "0800122401551220000102030405060708090a0b0c0d0e0f10111213141516171819"
            + "1a1b1c1d1eaa1880800420808040";
    private static final String TAIL = "28829a0330123802";
    private static final byte[] EXPECTED_MINIMAL = hex("0a38" + HEADER_PREFIX + TAIL);
    private static final byte[] EXPECTED_WITH_FILENAME_MIMETYPE = hex("0a4e" + HEADER_PREFIX + TAIL
            + "4208746573742e747874" + "4a0a746578742f706c61696e");
    private static final byte[] EXPECTED_ONLY_FILENAME = hex("0a42" + HEADER_PREFIX + TAIL + "4208646174612e62696e");
    private static final byte[] EXPECTED_LARGE_DATASET = hex("0a3a0800122401551220000102030405060708090a0b0c0d0e0f10"
            + "1112131415161718191a1b1c1d1eaa18808004208080808014" + TAIL);

    private static final byte[] VECTOR = "some file contents".getBytes(StandardCharsets.UTF_8);

    @Test
    void currentLineEncodesTheUpstreamFixturesByteForByte() {
        assertArrayEquals(EXPECTED_MINIMAL, fixture(null, null, 1 << 20).encode(CodexLine.STORAGE_V1));
        assertArrayEquals(EXPECTED_WITH_FILENAME_MIMETYPE,
                fixture("test.txt", "text/plain", 1 << 20).encode(CodexLine.STORAGE_V1));
        assertArrayEquals(EXPECTED_ONLY_FILENAME, fixture("data.bin", null, 1 << 20).encode(CodexLine.STORAGE_V1));
        assertArrayEquals(EXPECTED_LARGE_DATASET, fixture(null, null, 5L << 30).encode(CodexLine.STORAGE_V1));
    }

    @Test
    void currentLineRoundTripsEveryFixture() {
        for (byte[] fixture : new byte[][] {EXPECTED_MINIMAL, EXPECTED_WITH_FILENAME_MIMETYPE, EXPECTED_ONLY_FILENAME,
                EXPECTED_LARGE_DATASET}) {
            assertEquals(CodexLine.STORAGE_V1, CodexManifest.lineOf(fixture));
            assertArrayEquals(fixture, CodexManifest.decode(fixture, CodexLine.STORAGE_V1).encode(CodexLine.STORAGE_V1));
        }
        CodexManifest both = CodexManifest.decode(EXPECTED_WITH_FILENAME_MIMETYPE, CodexLine.STORAGE_V1);
        assertEquals("test.txt", both.filename());
        assertEquals("text/plain", both.mimetype());
        assertEquals(65536, both.blockSize());
        assertEquals(1 << 20, both.datasetSize());
    }

    @Test
    void currentLineRejectsWhatUpstreamRejectsAndSkipsUnknownFields() {
        assertThrows(IllegalArgumentException.class, () -> CodexManifest.decode(new byte[0], CodexLine.STORAGE_V1));
        byte[] garbage = new byte[8];
        Arrays.fill(garbage, (byte) 0xFF);
        assertThrows(IllegalArgumentException.class, () -> CodexManifest.decode(garbage, CodexLine.STORAGE_V1));
        assertThrows(IllegalArgumentException.class,
                () -> CodexManifest.decode(Arrays.copyOf(EXPECTED_MINIMAL, 8), CodexLine.STORAGE_V1));
        byte[] version1 = EXPECTED_MINIMAL.clone();
        version1[3] = 0x01;
        assertThrows(IllegalArgumentException.class, () -> CodexManifest.decode(version1, CodexLine.STORAGE_V1));
        byte[] firstByte = EXPECTED_MINIMAL.clone();
        firstByte[0] = 0x12;
        assertThrows(IllegalArgumentException.class, () -> CodexManifest.decode(firstByte, CodexLine.STORAGE_V1));
        byte[] unknown = Arrays.copyOf(EXPECTED_MINIMAL, EXPECTED_MINIMAL.length + 2);
        unknown[1] += 2;
        unknown[unknown.length - 2] = 0x50;
        unknown[unknown.length - 1] = 0x01;
        assertArrayEquals(EXPECTED_MINIMAL, CodexManifest.decode(unknown, CodexLine.STORAGE_V1).encode(CodexLine.STORAGE_V1));
        CodexManifest empty = CodexManifest.decode(fixture("", "", 1 << 20).encode(CodexLine.STORAGE_V1),
                CodexLine.STORAGE_V1);
        assertNull(empty.filename());
        assertNull(empty.mimetype());
    }

    @Test
    void linesCannotReadEachOthersManifests() {
        assertThrows(IllegalArgumentException.class, () -> CodexManifest.decode(EXPECTED_MINIMAL, CodexLine.CODEX_V1));
        byte[] old = fixture(null, null, 1 << 20).encode(CodexLine.CODEX_V1);
        assertEquals(CodexLine.CODEX_V1, CodexManifest.lineOf(old));
        assertThrows(IllegalArgumentException.class, () -> CodexManifest.decode(old, CodexLine.STORAGE_V1));
    }

    @Test
    void theSameUploadHasOneTreeButAManifestCidPerLine() throws Exception {
        DatasetTree tree = CodexContentIds.tree(new ByteArrayInputStream(VECTOR));
        CodexManifest manifest = tree.manifest(null, null);
        byte[] old = manifest.encode(CodexLine.CODEX_V1);
        assertEquals(56, old.length);
        assertEquals("zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy", manifest.cid(CodexLine.CODEX_V1).toString());
        // Header grows by the two bytes of manifestVersion; the digest was computed with a separate script.
        assertEquals(58, manifest.encode(CodexLine.STORAGE_V1).length);
        assertEquals("zDvZRwzmDuZWyWGSH6qZqF7ft1AGzxqxqRNQXfpPRKPPr389wS6s",
                manifest.cid(CodexLine.STORAGE_V1).toString());
        assertEquals(manifest.contentKey(), CodexManifest.decode(manifest.encode(CodexLine.STORAGE_V1),
                CodexLine.STORAGE_V1).contentKey());
        assertEquals(new ContentKey(Cid.parse("zDzSvJTezk7bJNQqFq8k1iHXY84psNuUfZVusA5bBQQUSuyzDSVL"), 65536),
                manifest.contentKey());
    }

    @Test
    void blockSizeChangesTheTreeAndIsValidatedAsTheNodeDoes() throws Exception {
        byte[] data = new byte[3 * 65536 + 5];
        new java.util.Random(7).nextBytes(data);
        DatasetTree big = CodexContentIds.tree(new ByteArrayInputStream(data), 65536);
        DatasetTree small = CodexContentIds.tree(new ByteArrayInputStream(data), 4096);
        assertEquals(4, big.blockCount());
        assertEquals(49, small.blockCount());
        assertNotEquals(big.treeCid(), small.treeCid());
        assertEquals(4096, small.manifest(null, null).blockSize());
        ContentKey key = ContentKey.of(new ByteArrayInputStream(data), 4096);
        assertEquals(ContentKey.of(small), key);
        assertEquals(key, ContentKey.parse(key.toString()));
        for (int bad : new int[] {0, 2048, 65535, 1 << 20, -65536}) {
            assertThrows(IllegalArgumentException.class, () -> new DatasetHasher(bad));
        }
        new DatasetHasher(524288);
    }

    private static CodexManifest fixture(String filename, String mimetype, long datasetSize) {
        byte[] cid = hex("01551220000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1eaa");
        return new CodexManifest(Cid.fromBytes(cid), 65536, datasetSize, filename, mimetype);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
