package org.archivist.core.jsonl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlMessagesTest {
    private static final String HASH = "11".repeat(32);
    private static final String GOOD = "{\"sig\":\"01\",\"timestamp\":1577836801,\"topic\":\"01020304\",\"payload\":\"01\","
            + "\"padding\":\"\",\"hash\":\"01\"}";

    @TempDir
    Path tmp;

    @Test
    void readsTheBuildFormatStreamedAndSkipsBlankLines() throws IOException {
        JsonlMessages in = reader("{\"sig\":\"aa\",\"timestamp\":1700000000,\"topic\":\"0a0b0c0d\",\"payload\":\"6869\","
                + "\"padding\":\"\",\"hash\":\"" + HASH + "\"}\n\n{\"sig\":\"0x\",\"timestamp\":5,\"topic\":\"01020304\","
                + "\"payload\":\"\",\"hash\":\"0x" + "22".repeat(32) + "\",\"thirdPartyId\":\"d1\"}\r\n");

        ArchivedMessage first = in.next();
        ArchivedMessage second = in.next();

        assertEquals(1700000000L, first.timestamp());
        assertEquals("hi", new String(first.payload(), StandardCharsets.UTF_8));
        assertEquals(HASH, first.hashHex());
        assertEquals("d1", second.thirdPartyId());
        assertNull(in.next());
        assertEquals(3, in.lines());
    }

    @Test
    void formatIsTheInverseOfReading() throws IOException {
        ArchivedMessage m = new ArchivedMessage(new byte[] {1, 2}, 42, ContentTopic.of("0a0b0c0d"), new byte[] {3},
                new byte[] {4}, new byte[] {5, 6}, "tp");
        ArchivedMessage back = reader(JsonlMessages.format(m) + "\n").next();
        assertArrayEquals(m.hash(), back.hash());
        assertArrayEquals(m.sig(), back.sig());
        assertArrayEquals(m.padding(), back.padding());
        assertEquals(m.thirdPartyId(), back.thirdPartyId());
        assertEquals(JsonlMessages.format(m), JsonlMessages.format(back));
    }

    @Test
    void everyBadLineIsNamedByItsNumber() throws Exception {
        assertLineError(GOOD + "\n" + GOOD.replace("\"sig\":\"01\",", ""), "line 2: \"sig\" (hex) is missing");
        assertLineError(GOOD.replace("\"payload\":\"01\",", ""), "line 1: \"payload\" (hex) is missing");
        assertLineError(GOOD + "\n\n" + GOOD.replace(",\"hash\":\"01\"", ""), "line 3: \"hash\" (hex) is missing");
        assertLineError(GOOD + " " + GOOD, "line 1:");
        assertLineError(GOOD.replace("\"sig\":\"01\"", "\"sig\":\"01\",\"sig\":\"02\""), "line 1:");
        assertLineError(GOOD + "\n" + GOOD.replace("1577836801", "1.5"), "line 2: \"timestamp\"");
        assertLineError(GOOD.replace("1577836801", "-1"), "line 1: \"timestamp\"");
        assertLineError(GOOD.replace("\"hash\":\"01\"", "\"hash\":\"\""), "line 1: \"hash\" is empty");
        assertLineError(GOOD.replace("\"hash\":\"01\"", "\"hash\":\"zz\""), "line 1: \"hash\" is not hex");
        assertLineError(GOOD.replace("\"hash\":\"01\"", "\"hash\":1"), "line 1: \"hash\" must be a hex string");
        assertLineError("[1,2]", "line 1: not a JSON object");
        assertLineError(GOOD + "\n" + GOOD + "\n\u00ff\u00fe", null); // valid UTF-8 text, not JSON
        byte[] binary = concat((GOOD + "\n" + GOOD + "\n").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
        IOException e = assertThrows(IOException.class, () -> drain(new JsonlMessages(new ByteArrayInputStream(binary))));
        assertTrue(e.getMessage().startsWith("line 3: not UTF-8 text"), e.getMessage());
        e = assertThrows(IOException.class, () -> drain(reader(GOOD + "\n{\"sig\":\u0001}\n")));
        assertTrue(e.getMessage().startsWith("line 2: control character"), e.getMessage());
    }

    @Test
    void readAllNamesTheFileAndRefusesWhatIsNotARegularFile() throws Exception {
        Path file = tmp.resolve("m.jsonl");
        Files.writeString(file, GOOD + "\n" + GOOD + "\n");
        assertEquals(2, JsonlMessages.readAll(file).size());
        Files.writeString(file, GOOD + "\n{}\n");
        IOException e = assertThrows(IOException.class, () -> JsonlMessages.readAll(file));
        assertTrue(e.getMessage().startsWith(file + " line 2: "), e.getMessage());
        e = assertThrows(IOException.class, () -> JsonlMessages.readAll(tmp));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    private void assertLineError(String content, String expected) throws Exception {
        IOException e = assertThrows(IOException.class, () -> drain(reader(content + "\n")));
        if (expected != null) {
            assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        }
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static List<ArchivedMessage> drain(JsonlMessages in) throws IOException {
        List<ArchivedMessage> all = new java.util.ArrayList<>();
        ArchivedMessage m;
        while ((m = in.next()) != null) {
            all.add(m);
        }
        return all;
    }

    private static JsonlMessages reader(String text) {
        return new JsonlMessages(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
