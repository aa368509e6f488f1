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

import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad command-line value and JSONL line gives a clear error, with the line number. */
class InputValidationTest {
    private static final String COMMUNITY = "0x03" + "cd".repeat(32);
    private static final String GOOD = "{\"sig\":\"01\",\"timestamp\":1577836801,\"topic\":\"01020304\",\"payload\":\"01\","
            + "\"padding\":\"\",\"hash\":\"01\"}";

    @TempDir
    Path tmp;
    private String err;

    @Test
    void jsonlErrorsNameTheLine() throws Exception {
        assertLineError(GOOD + "\n" + GOOD.replace("\"sig\":\"01\",", ""), "line 2: \"sig\" (hex) is missing");
        assertLineError(GOOD.replace("\"payload\":\"01\",", ""), "line 1: \"payload\" (hex) is missing");
        assertLineError(GOOD + "\n\n" + GOOD.replace(",\"hash\":\"01\"", ""), "line 3: \"hash\" (hex) is missing");
        assertLineError(GOOD + " " + GOOD, "line 1:");
        assertLineError(GOOD + "\n" + GOOD.replace("1577836801", "1.5"), "line 2: \"timestamp\"");
        assertLineError(GOOD.replace("\"hash\":\"01\"", "\"hash\":\"\""), "line 1: \"hash\" is empty");
        assertLineError("[1,2]", "line 1: not a JSON object");
        Path binary = tmp.resolve("binary.jsonl");
        Files.write(binary, concat((GOOD + "\n" + GOOD + "\n").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'}));
        var e = assertThrows(IOException.class, () -> JsonlMessages.read(binary));
        assertTrue(e.getMessage().contains("line 3: not UTF-8 text"), e.getMessage());
        Files.write(binary, (GOOD + "\n{\"sig\":\u0001}\n").getBytes(StandardCharsets.UTF_8));
        e = assertThrows(IOException.class, () -> JsonlMessages.read(binary));
        assertTrue(e.getMessage().contains("line 2: control character"), e.getMessage());
    }

    @Test
    void aFifoIsRefusedAsMessagesAndAsIndex() throws Exception {
        Path fifo = tmp.resolve("fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
        var e = assertThrows(UsageException.class, () -> JsonlMessages.read(fifo));
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
        var e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(UsageException.class,
                () -> build(base, "--from", "0", "--to", "" + Long.MAX_VALUE)));
        assertTrue(e.getMessage().contains("partitions"), e.getMessage());
        e = assertThrows(UsageException.class, () -> build(base, "--from", "-5", "--to", "10"));
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

    private void build(List<String> base, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(base);
        args.addAll(List.of(more));
        new BuildCommand().run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private void assertLineError(String content, String expected) throws Exception {
        Path file = tmp.resolve("m.jsonl");
        Files.writeString(file, content + "\n");
        var e = assertThrows(IOException.class, () -> JsonlMessages.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
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
