package org.archivist.tool.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.archivist.tool.Command;
import org.junit.jupiter.api.Test;

/** The benchmark commands on tiny workloads: they run the real engine and report consistent figures. */
class BenchCommandsTest {

    @Test
    void benchBuildArchivesTheWholeGeneratedHistory() throws Exception {
        String out = run(new BenchBuildCommand(), "--megabytes", "2", "--weeks", "2", "--encrypt", "--settle", "0");
        long generated = number(out, "bench-build: ([\\d,]+) generated messages");
        assertEquals(generated, number(out, "messages +([\\d,]+) in"));
        assertTrue(number(out, "archives created +(\\d+)") >= 2, out);
        assertTrue(out.contains("messages/s") && out.contains("MB/s") && out.contains("size ratio")
                && out.contains("peak heap"), out);
        long data = number(out, "data file +([\\d,]+) bytes");
        assertEquals(data, number(out, "disk +([\\d,]+) bytes written \\+ fsync"));
        assertTrue(Pattern.compile("time ratio +\\d+\\.\\d+ median, \\d+\\.\\d+-\\d+\\.\\d+ over 3 rounds \\(archive build"
                + " / plain write\\+fsync").matcher(out).find(), out);
        assertEquals(3, Pattern.compile("(?m)^round \\d ").matcher(out).results().count(), out);
    }

    @Test
    void benchBuildRunsThroughTheBitTorrentBackendToo() throws Exception {
        String out = run(new BenchBuildCommand(), "--megabytes", "2", "--weeks", "2", "--rounds", "2", "--settle", "0", "--backend",
                "bittorrent");
        assertTrue(out.contains("(bittorrent), 2 rounds"), out);
        assertEquals(number(out, "bench-build: ([\\d,]+) generated messages"), number(out, "messages +([\\d,]+) in"));
        assertTrue(out.contains("round 2 "), out);
    }

    @Test
    void benchImportImportsEveryMessage() throws Exception {
        String out = run(new BenchImportCommand(), "--messages", "2500", "--per-archive", "1000");
        assertEquals(3, number(out, "archives +(\\d+)"));
        assertEquals(2500, number(out, "imported +([\\d,]+) messages"));
    }

    private static String run(Command command, String... args) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8)) {
            assertEquals(0, command.run(List.of(args), out, out));
        }
        return o.toString(StandardCharsets.UTF_8);
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no '" + regex + "' in:\n" + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
