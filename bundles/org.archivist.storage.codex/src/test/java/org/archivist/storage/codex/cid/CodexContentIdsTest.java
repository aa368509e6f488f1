package org.archivist.storage.codex.cid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CodexContentIdsTest {
    private static final byte[] VECTOR = "some file contents".getBytes(StandardCharsets.UTF_8);

    @Test
    void reproducesTheUpstreamVector() throws Exception {
        DatasetTree tree = CodexContentIds.tree(new ByteArrayInputStream(VECTOR));
        assertEquals("zDzSvJTezk7bJNQqFq8k1iHXY84psNuUfZVusA5bBQQUSuyzDSVL", tree.treeCid().toString());
        CodexManifest manifest = tree.manifest(null, null);
        assertEquals(56, manifest.encode().length);
        assertEquals("zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy", manifest.cid().toString());
        assertEquals(18, manifest.datasetSize());
        assertEquals(1, tree.blockCount());
    }

    @Test
    void filenameAndMimeTypeChangeTheManifestCidButNotTheTree() throws Exception {
        DatasetTree tree = CodexContentIds.tree(new ByteArrayInputStream(VECTOR));
        Cid plain = tree.manifest(null, null).cid();
        Cid named = tree.manifest("a.txt", null).cid();
        Cid typed = tree.manifest(null, "application/octet-stream").cid();
        assertNotEquals(plain, named);
        assertNotEquals(plain, typed);
        assertNotEquals(named, typed);
        assertTrue(named.toString().startsWith("zDvZRwzm"));
    }

    @Test
    void manifestRoundTrips() throws Exception {
        CodexManifest manifest = CodexContentIds.tree(new ByteArrayInputStream(VECTOR)).manifest("f.bin", "text/plain");
        CodexManifest decoded = CodexManifest.decode(manifest.encode());
        assertEquals(manifest, decoded);
        assertArrayEquals(manifest.encode(), decoded.encode());
    }

    @Test
    void blocksAreZeroPaddedAndCountedBy64KiB() throws Exception {
        for (int size : new int[] {1, 65536, 65537, 3 * 65536 + 5}) {
            byte[] data = new byte[size];
            java.util.Arrays.fill(data, (byte) 7);
            DatasetTree tree = CodexContentIds.tree(new ByteArrayInputStream(data));
            assertEquals((size + 65535) / 65536, tree.blockCount(), "blocks of " + size);
            assertEquals(size, tree.datasetSize());
        }
        byte[] padded = new byte[65536];
        padded[0] = 1;
        DatasetTree one = CodexContentIds.tree(new ByteArrayInputStream(new byte[] {1}));
        assertArrayEquals(Sha256.of(padded), one.leaves().get(0));
    }

    @Test
    void treeRootUsesTheLayerKeys() {
        byte[] a = Sha256.of(new byte[] {1});
        byte[] b = Sha256.of(new byte[] {2});
        byte[] c = Sha256.of(new byte[] {3});
        byte[] ab = Sha256.of(concat(a, b, new byte[] {1}));
        byte[] c0 = Sha256.of(concat(c, new byte[32], new byte[] {3}));
        assertArrayEquals(Sha256.of(concat(ab, c0, new byte[] {0})), CodexMerkleTree.root(List.of(a, b, c)));
        assertArrayEquals(Sha256.of(concat(a, new byte[32], new byte[] {3})), CodexMerkleTree.root(List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> CodexMerkleTree.root(List.of()));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
