package org.archivist.commands.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;
import org.junit.jupiter.api.Test;

class HashSumTest {

    @Test
    void theSumDoesNotDependOnOrderButOnEveryMessage() {
        HashSum ab = new HashSum();
        ab.add(message(0x01));
        ab.add(message(0xff));
        HashSum ba = new HashSum();
        ba.add(message(0xff));
        ba.add(message(0x01));
        HashSum a = new HashSum();
        a.add(message(0x01));

        assertEquals(ab.hex(), ba.hex());
        assertEquals(2, ab.count());
        assertNotEquals(ab.hex(), a.hex());
        assertEquals(64, a.hex().length());
    }

    @Test
    void theSumWrapsAt256Bits() {
        HashSum s = new HashSum();
        s.add(message(0xff, (byte) 0xff));
        s.add(message(0x00, (byte) 0x01));
        assertEquals("0".repeat(64), s.hex());
    }

    private static ArchivedMessage message(int first) {
        return message(first, (byte) 7);
    }

    /** A hash of {@code first} in the top byte and {@code fill} in every other byte. */
    private static ArchivedMessage message(int first, byte fill) {
        byte[] hash = new byte[32];
        java.util.Arrays.fill(hash, fill);
        hash[0] = (byte) first;
        if (fill == 1 && first == 0) {
            hash = new byte[32];
            hash[31] = 1;
        }
        return new ArchivedMessage(new byte[0], 1, ContentTopic.of("0a0b0c0d"), new byte[0], new byte[0], hash, "");
    }
}
