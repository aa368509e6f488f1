package org.archivist.commands.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import org.archivist.api.ArchivedMessage;
import org.junit.jupiter.api.Test;

class JsonlMessagesTest {
    private static final String HASH = "11".repeat(32);

    @Test
    void readsTheBuildFormatAndSkipsBlankLines() throws IOException {
        JsonlMessages in = reader("{\"sig\":\"aa\",\"timestamp\":1700000000,\"topic\":\"0a0b0c0d\",\"payload\":\"6869\","
                + "\"padding\":\"\",\"hash\":\"" + HASH + "\"}\n\n{\"timestamp\":5,\"topic\":\"01020304\",\"hash\":\"0x"
                + "22".repeat(32) + "\",\"thirdPartyId\":\"d1\"}\n");

        ArchivedMessage first = in.next();
        ArchivedMessage second = in.next();

        assertEquals(1700000000L, first.timestamp());
        assertEquals("hi", new String(first.payload()));
        assertEquals(HASH, first.hashHex());
        assertEquals("d1", second.thirdPartyId());
        assertNull(in.next());
        assertEquals(3, in.lines());
    }

    @Test
    void aBadLineIsNamedByNumber() {
        JsonlMessages in = reader("{\"timestamp\":1,\"topic\":\"0a0b0c0d\",\"hash\":\"" + HASH + "\"}\n"
                + "{\"timestamp\":-1,\"topic\":\"0a0b0c0d\",\"hash\":\"" + HASH + "\"}\n");

        IOException e = assertThrows(IOException.class, () -> {
            in.next();
            in.next();
        });
        assertTrue(e.getMessage().startsWith("line 2: "), e.getMessage());
    }

    @Test
    void aMessageWithoutHashIsRefused() {
        IOException e = assertThrows(IOException.class,
                () -> reader("{\"timestamp\":1,\"topic\":\"0a0b0c0d\"}").next());
        assertTrue(e.getMessage().contains("hash"), e.getMessage());
    }

    @Test
    void nonHexBytesAreRefused() {
        IOException e = assertThrows(IOException.class,
                () -> reader("{\"timestamp\":1,\"topic\":\"0a0b0c0d\",\"hash\":\"zz\"}").next());
        assertTrue(e.getMessage().contains("not hex"), e.getMessage());
    }

    private static JsonlMessages reader(String text) {
        return new JsonlMessages(new BufferedReader(new StringReader(text)));
    }
}
