package org.archivist.storage.codex.cid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidTest {
    @Test
    void parsesAndPrintsCodexCids() {
        String manifest = "zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy";
        Cid cid = Cid.parse(manifest);
        assertEquals(1, cid.version());
        assertEquals(Multicodec.CODEX_MANIFEST, cid.codec());
        assertTrue(cid.isManifest());
        assertEquals(38, cid.toBytes().length);
        assertEquals(manifest, cid.toString());
        assertEquals(52, manifest.length());
        Cid tree = Cid.parse("zDzSvJTezk7bJNQqFq8k1iHXY84psNuUfZVusA5bBQQUSuyzDSVL");
        assertEquals(Multicodec.CODEX_ROOT, tree.codec());
        assertFalse(tree.isManifest());
    }

    @Test
    void parsesCidV0AndOtherBases() {
        Cid v0 = Cid.parse("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG");
        assertEquals(0, v0.version());
        assertEquals(Multicodec.DAG_PB, v0.codec());
        assertEquals("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", v0.toString());
        Cid b32 = Cid.parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
        assertEquals(Multicodec.RAW, b32.codec());
    }

    @Test
    void rejectsWhatIsNotACid() {
        for (String bad : new String[] {"", "hello", "z", "zzzz0OIl", "zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9Hrz",
                "x123", "Qm123"}) {
            assertThrows(InvalidCidException.class, () -> Cid.parse(bad), bad);
        }
    }
}
