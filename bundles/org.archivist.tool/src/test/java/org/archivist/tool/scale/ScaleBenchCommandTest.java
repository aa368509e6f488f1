package org.archivist.tool.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-scale on a few communities: the members import every message, every owned community publishes twice. */
class ScaleBenchCommandTest {

    @Test
    void runsTheOwnerAndMemberFlowsAndReportsTheIdleFigures(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8)) {
            code = new ScaleBenchCommand().run(List.of("--communities", "5", "--messages", "30", "--idle-seconds",
                    "1", "--dir", dir.resolve("run").toString()), out, out);
        }
        String out = o.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("2 owned + 3 joined communities"), out);
        assertTrue(out.contains("imported all (each holds the owner's 30 messages"), out);
        assertTrue(out.contains("first run (start logic, case C: the whole history): all 2 communities"), out);
        assertTrue(out.contains("archive now on every community (one new message each, called from 2 threads at once): all 2"
                + " archived"), out);
        Matcher idle = Pattern.compile("idle, 5 communities configured .*= (\\d+\\.\\d+)% of one core; heap live after"
                + " a full GC (\\d+\\.\\d) MB .*; (\\d+) threads").matcher(out);
        assertTrue(idle.find(), out);
        assertTrue(Long.parseLong(idle.group(3)) > 0, out);
    }

    @Test
    void runsOnBitTorrentWithTheMemberFetchingFromTheOwnersEngine(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8)) {
            code = new ScaleBenchCommand().run(List.of("--communities", "4", "--messages", "20", "--idle-seconds",
                    "1", "--backend", "bittorrent", "--dir", dir.resolve("run").toString()), out, out);
        }
        String out = o.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("2 owned + 2 joined communities on one node, 20 messages per owned community,"
                + " bittorrent backend"), out);
        assertTrue(out.contains("BitTorrent engines on 127.0.0.1 (the node fetches from 127.0.0.1:"), out);
        assertTrue(out.contains("imported all (each holds the owner's 20 messages"), out);
        assertTrue(out.contains("archive now on every community (one new message each, called from 2 threads at once): all 2"
                + " archived"), out);
        assertTrue(Pattern.compile("idle, 4 communities configured .*% of one core").matcher(out).find(), out);
        assertTrue(out.contains("busiest while idle: "), out);
    }

    @Test
    void anUnknownBackendIsAUsageError() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.archivist.tool.UsageException.class,
                () -> new ScaleBenchCommand().run(List.of("--backend", "ipfs"), new PrintStream(o), new PrintStream(o)));
        assertTrue(e.getMessage().contains("--backend is codex or bittorrent, not 'ipfs'"), e.getMessage());
    }
}
