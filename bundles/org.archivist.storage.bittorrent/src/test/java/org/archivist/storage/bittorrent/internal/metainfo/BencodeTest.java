package org.archivist.storage.bittorrent.internal.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BencodeTest {

    private static String enc(Object v) {
        return new String(Bencode.encode(v), StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodesScalarsListsAndSortsDictionaryKeysByBytes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zeta", 1L);
        m.put("piece length", 102400L);
        m.put("b", List.of("x", -3L));
        m.put("B", "");
        assertEquals("d1:B0:1:bl1:xi-3ee12:piece lengthi102400e4:zetai1ee", enc(m));
        assertEquals("i0e", enc(0L));
    }

    @Test
    void decodesWhatItEncodes() throws BencodeException {
        byte[] bytes = "d4:infod4:name3:abc6:pieces3:\u0000\u00ff\u0001e4:listli1ei2ee3:numi42ee"
                .getBytes(StandardCharsets.ISO_8859_1);
        Object decoded = Bencode.decode(bytes);
        assertArrayEquals(bytes, Bencode.encode(decoded));
        Map<?, ?> top = (Map<?, ?>) decoded;
        assertEquals(42L, top.get("num"));
        assertArrayEquals(new byte[] {0, (byte) 0xff, 1}, (byte[]) ((Map<?, ?>) top.get("info")).get("pieces"));
    }

    @Test
    void rawValueIsTheExactSpanOfTheValue() throws BencodeException {
        byte[] bytes = "d1:ai1e4:infod1:xi7ee1:zlee".getBytes(StandardCharsets.US_ASCII);
        assertEquals("d1:xi7ee", new String(Bencode.rawValue(bytes, "info"), StandardCharsets.US_ASCII));
        BencodeException missing = assertThrows(BencodeException.class, () -> Bencode.rawValue(bytes, "nope"));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    }

    @Test
    void rejectsMalformedAndNonCanonicalInput() {
        for (String bad : List.of("", "i01e", "i-0e", "ie", "5:abc", "d1:bi1e1:ai2ee", "d1:ai1e1:ai2ee", "l", "x",
                "i1ei2e", "99999999999:x")) {
            assertThrows(BencodeException.class, () -> Bencode.decode(bad.getBytes(StandardCharsets.US_ASCII)),
                    "should reject '" + bad + "'");
        }
    }

    @Test
    void refusesDeepNestingInsteadOfOverflowingTheStack() {
        String deep = "l".repeat(100_000) + "e".repeat(100_000);
        BencodeException e = assertThrows(BencodeException.class,
                () -> Bencode.decode(deep.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("nested"));
    }
}
