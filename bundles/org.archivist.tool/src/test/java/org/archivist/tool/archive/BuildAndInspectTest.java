package org.archivist.tool.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.core.jsonl.JsonlMessages;
import org.archivist.api.ContentTopic;
import org.archivist.tool.Command;
import org.archivist.tool.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildAndInspectTest {
    private static final String COMMUNITY = "0x03" + "cd".repeat(32);
    private static final long JAN_1 = 1577836800L;
    private static final long DAY = 86400;
    private static final String KEY = "11".repeat(32);

    @TempDir
    Path tmp;

    private String out;
    private String err;

    @Test
    void buildPrintsOneLinePerArchiveAndASecondRunAppends() throws Exception {
        Path messages = messages(JAN_1 + 3600, JAN_1 + 7200, JAN_1 + 8 * DAY, JAN_1 + 14 * DAY);
        assertEquals(0, build(messages, JAN_1, JAN_1 + 14 * DAY));
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).matches("0x[0-9a-f]{64} 1577836800 1578441600 2"), lines.get(0));
        assertTrue(lines.get(1).matches("0x[0-9a-f]{64} 1578441600 1579046400 1"), lines.get(1));

        assertEquals(0, build(messages, JAN_1 + 14 * DAY, JAN_1 + 21 * DAY));
        assertTrue(out.strip().matches("0x[0-9a-f]{64} 1579046400 1579651200 1"), out);
        assertEquals(3 * 102400, Files.size(dir().resolve("data")));

        assertEquals(0, run(new InspectCommand(), dir().toString()));
        List<String> rows = out.lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(3, rows.size());
        assertTrue(rows.get(2).endsWith(" 1579046400 1579651200 204800 102400 " + padding(rows.get(2)) + " 1"),
                rows.get(2));
        assertTrue(out.contains("# 3 archives, 4 messages, data 307200 bytes"), out);
    }

    @Test
    void noMessagesCreateNothing() throws Exception {
        assertEquals(0, build(messages(JAN_1 + 30 * DAY), JAN_1, JAN_1 + 7 * DAY));
        assertEquals("", out);
        assertFalse(Files.exists(dir().resolve("data")));
        assertFalse(Files.exists(dir().resolve("index")));
    }

    @Test
    void encryptedBuildNeedsTheKeyToInspect() throws Exception {
        Path messages = messages(JAN_1 + 3600);
        assertEquals(0, run(new BuildCommand(), "--community", COMMUNITY, "--topics", "01020304", "--from",
                "" + JAN_1, "--to", "" + (JAN_1 + DAY), "--messages", messages.toString(), "--data-dir",
                tmp.resolve("d").toString(), "--encrypt-key", KEY));
        assertEquals(0, run(new InspectCommand(), dir().toString(), "--encrypt-key", KEY));
        assertTrue(out.contains("# 1 archives, 1 messages"), out);
        assertEquals(1, run(new InspectCommand(), dir().toString()));
        assertTrue(err.contains("need --encrypt-key"), err);
    }

    @Test
    void inspectFailsOnATruncatedDataFile() throws Exception {
        build(messages(JAN_1 + 3600, JAN_1 + 8 * DAY), JAN_1, JAN_1 + 14 * DAY);
        try (FileChannel ch = FileChannel.open(dir().resolve("data"), StandardOpenOption.WRITE)) {
            ch.truncate(150_000);
        }
        assertEquals(1, run(new InspectCommand(), dir().toString()));
        assertTrue(err.contains("corrupt or inconsistent") && err.contains("archives are missing"), err);
    }

    @Test
    void inspectFailsOnAGarbageIndexOrArchive() throws Exception {
        build(messages(JAN_1 + 3600), JAN_1, JAN_1 + DAY);
        byte[] data = Files.readAllBytes(dir().resolve("data"));
        data[3] ^= (byte) 0xff;
        Files.write(dir().resolve("data"), data);
        assertEquals(1, run(new InspectCommand(), dir().toString()));
        assertTrue(err.contains("corrupt or inconsistent"), err);
        Files.write(dir().resolve("index"), new byte[] {0x0a, 0x05, 0x01});
        assertEquals(1, run(new InspectCommand(), dir().toString()));
        assertTrue(err.contains("is not a valid index"), err);
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        Path messages = messages(JAN_1);
        assertThrows(UsageException.class, () -> run(new BuildCommand(), "--community", "0x12", "--topics", "01020304",
                "--from", "1", "--to", "2", "--messages", messages.toString(), "--data-dir", tmp.toString()));
        assertThrows(UsageException.class, () -> run(new BuildCommand(), "--community", COMMUNITY, "--topics", "0102",
                "--from", "1", "--to", "2", "--messages", messages.toString(), "--data-dir", tmp.toString()));
        assertThrows(UsageException.class, () -> run(new BuildCommand(), "--community", COMMUNITY, "--topics",
                "01020304", "--from", "5", "--to", "2", "--messages", messages.toString(), "--data-dir", tmp.toString()));
        assertThrows(UsageException.class, () -> run(new BuildCommand(), "--community", COMMUNITY, "--topics",
                "01020304", "--from", "1", "--to", "2", "--messages", messages.toString(), "--data-dir", tmp.toString(),
                "--encrypt-key", "abcd"));
        Files.writeString(messages,
                "{\"sig\": \"01\", \"timestamp\": 5, \"topic\": \"01020304\", \"payload\": \"zz\", \"hash\": \"01\"}\n");
        var e = assertThrows(java.io.IOException.class, () -> run(new BuildCommand(), "--community", COMMUNITY,
                "--topics", "01020304", "--from", "1", "--to", "20", "--messages", messages.toString(), "--data-dir",
                tmp.toString()));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("\"payload\" is not hex"),
                e.getMessage());
    }

    private int build(Path messages, long from, long to) throws Exception {
        return run(new BuildCommand(), "--community", COMMUNITY, "--topics", "01020304,aabbccdd", "--from", "" + from,
                "--to", "" + to, "--messages", messages.toString(), "--data-dir", tmp.resolve("d").toString());
    }

    private Path dir() {
        return tmp.resolve("d").resolve(COMMUNITY);
    }

    private Path messages(long... timestamps) throws Exception {
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (long ts : timestamps) {
            n++;
            lines.add(JsonlMessages.format(new ArchivedMessage(new byte[] {1}, ts, ContentTopic.of("01020304"),
                    new byte[] {1}, new byte[] {1}, new byte[] {(byte) n}, "")));
        }
        Path file = tmp.resolve("messages.jsonl");
        Files.write(file, lines);
        return file;
    }

    private int run(Command command, String... args) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            int rc = command.run(List.of(args), po, pe);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
            return rc;
        }
    }

    private static String padding(String row) {
        return row.split(" ")[5];
    }
}
