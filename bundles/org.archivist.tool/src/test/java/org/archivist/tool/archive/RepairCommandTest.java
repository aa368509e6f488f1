package org.archivist.tool.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An emptied index stops the next build with a way out; {@code repair} is that way out. */
class RepairCommandTest {
    private static final String COMMUNITY = "0x03" + "cd".repeat(32);
    private static final long JAN_1 = 1577836800L;
    private static final long DAY = 86400;

    @TempDir
    Path tmp;
    private String out;
    private String err;

    @Test
    void anEmptiedIndexStopsTheBuildAndRepairRestoresIt() throws Exception {
        Path messages = messages(JAN_1 + 3600, JAN_1 + 8 * DAY, JAN_1 + 15 * DAY);
        assertEquals(0, build(messages, JAN_1, JAN_1 + 14 * DAY));
        Path index = tmp.resolve("d").resolve(COMMUNITY).resolve("index");
        Path data = tmp.resolve("d").resolve(COMMUNITY).resolve("data");
        byte[] original = Files.readAllBytes(index);
        Files.write(index, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);

        var e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> build(messages, JAN_1 + 14 * DAY, JAN_1 + 21 * DAY));
        assertTrue(e.getMessage().contains("archivist repair"), e.getMessage());
        assertEquals(2 * 102400, Files.size(data), "the archives were not deleted");

        assertEquals(0, run(new RepairCommand(), tmp.resolve("d").resolve(COMMUNITY).toString()));
        assertTrue(out.contains("# index rebuilt with 2 archives"), out);
        assertEquals(2, out.lines().filter(l -> l.startsWith("recovered 0x")).count(), out);
        assertArrayEquals(original, Files.readAllBytes(index));

        assertEquals(0, run(new RepairCommand(), tmp.resolve("d").resolve(COMMUNITY).toString()));
        assertTrue(out.contains("nothing to repair"), out);
        assertEquals(0, build(messages, JAN_1 + 14 * DAY, JAN_1 + 21 * DAY));
        assertEquals(3 * 102400, Files.size(data));
    }

    @Test
    void undecodableDataIsReportedAndNothingChanges() throws Exception {
        Path messages = messages(JAN_1 + 3600);
        assertEquals(0, build(messages, JAN_1, JAN_1 + 7 * DAY));
        Path dir = tmp.resolve("d").resolve(COMMUNITY);
        Files.delete(dir.resolve("index"));
        Files.write(dir.resolve("data"), new byte[] {(byte) 0xff}, StandardOpenOption.WRITE);
        assertEquals(1, run(new RepairCommand(), dir.toString()));
        assertTrue(out.contains("not recovered: bytes 0 to 102400"), out);
        assertTrue(err.contains("nothing was changed"), err);
        assertTrue(Files.notExists(dir.resolve("index")));
    }

    private int build(Path messages, long from, long to) throws Exception {
        return run(new BuildCommand(), "--community", COMMUNITY, "--topics", "01020304", "--from", "" + from, "--to",
                "" + to, "--messages", messages.toString(), "--data-dir", tmp.resolve("d").toString());
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
}
