package org.archivist.tool.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.archivist.core.jsonl.JsonlMessages;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad command-line value gives a clear error (JSONL lines: core's JsonlMessagesTest). */
class InputValidationTest {
    private static final String COMMUNITY = "0x03" + "cd".repeat(32);
    private static final String GOOD = "{\"sig\":\"01\",\"timestamp\":1577836801,\"topic\":\"01020304\",\"payload\":\"01\","
            + "\"padding\":\"\",\"hash\":\"01\"}";

    @TempDir
    Path tmp;
    private String err;

    @Test
    void aFifoIsRefusedAsMessagesAndAsIndex() throws Exception {
        Path fifo = tmp.resolve("fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
        var e = assertThrows(IOException.class, () -> JsonlMessages.readAll(fifo));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());

        Path dir = tmp.resolve("d").resolve(COMMUNITY);
        Files.createDirectories(dir);
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("index").toString()).start().waitFor());
        Files.write(dir.resolve("data"), new byte[102400]);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertEquals(1, run(new InspectCommand(), dir.toString()));
        });
        assertTrue(err.contains("not a regular file"), err);
    }

    @Test
    void absurdRangesAndNegativeValuesAreRefused() throws Exception {
        Path messages = tmp.resolve("m.jsonl");
        Files.writeString(messages, GOOD + "\n");
        List<String> base = List.of("--community", COMMUNITY, "--topics", "01020304", "--messages", messages.toString(),
                "--data-dir", tmp.resolve("d").toString());
        var e = assertThrows(UsageException.class, () -> build(base, "--from", "-5", "--to", "10"));
        assertTrue(e.getMessage().contains("must not be negative"), e.getMessage());
        e = assertThrows(UsageException.class, () -> build(base, "--from", "0", "--to", "10", "--partition", "0"));
        assertTrue(e.getMessage().contains("--partition must be a positive"), e.getMessage());
        e = assertThrows(UsageException.class, () -> build(List.of("--community", COMMUNITY, "--topics", "01020304,,",
                "--messages", messages.toString(), "--data-dir", "x"), "--from", "0", "--to", "10"));
        assertTrue(e.getMessage().contains("empty topic"), e.getMessage());

        Flags timeout = Flags.parse(List.of("--timeout", "-5"), Set.of("timeout"));
        e = assertThrows(UsageException.class, () -> timeout.positiveLong("timeout", 120));
        assertTrue(e.getMessage().contains("--timeout must not be negative"), e.getMessage());
        Flags zero = Flags.parse(List.of("--timeout", "0"), Set.of("timeout"));
        e = assertThrows(UsageException.class, () -> zero.positiveLong("timeout", 120));
        assertTrue(e.getMessage().contains("--timeout must be a positive"), e.getMessage());
        Flags port = Flags.parse(List.of("--port", "70000"), Set.of("port"));
        assertThrows(UsageException.class, () -> port.intIn("port", 0, 0, 65535));
    }

    @Test
    void theWholeTimeAxisBuildsOnlyThePopulatedPartitions() throws Exception {
        Path messages = tmp.resolve("m.jsonl");
        Files.writeString(messages, GOOD + "\n" + GOOD.replace("1577836801", "" + (Long.MAX_VALUE - 1))
                .replace("\"hash\":\"01\"", "\"hash\":\"02\"") + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new BuildCommand().run(List.of("--community",
                COMMUNITY, "--topics", "01020304", "--messages", messages.toString(), "--data-dir",
                tmp.resolve("d").toString(), "--from", "0", "--to", "" + Long.MAX_VALUE),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertEquals(0, rc);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        long week = 7 * 86400L;
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" " + 1577836801L / week * week + " " + (1577836801L / week + 1) * week + " 1"),
                lines.get(0));
        assertTrue(lines.get(1).endsWith(" " + Long.MAX_VALUE + " 1"), lines.get(1));
    }

    private void build(List<String> base, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(base);
        args.addAll(List.of(more));
        new BuildCommand().run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private int run(Command command, String... args) throws Exception {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            int rc = command.run(List.of(args), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    pe);
            err = e.toString(StandardCharsets.UTF_8);
            return rc;
        }
    }
}
