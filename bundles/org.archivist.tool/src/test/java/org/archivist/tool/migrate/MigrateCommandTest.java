package org.archivist.tool.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.tool.Command;
import org.archivist.tool.archive.BuildCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archivist migrate} against an emulated Codex node, on a set built by {@code archivist build}. */
class MigrateCommandTest {
    private static final String COMMUNITY = "0x03" + "cd".repeat(32);
    private static final long JAN_1 = 1577836800L;
    private static final long DAY = 86400;
    private static final String KEY = "11".repeat(32);

    @TempDir
    Path tmp;
    private String out;
    private String err;

    @Test
    void migratesAnEncryptedSetPrintsTheIndexCidLastAndARerunPrintsTheSameOne() throws Exception {
        Path messages = tmp.resolve("messages.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            lines.add("{\"sig\":\"01\",\"timestamp\":" + (JAN_1 + i * 3 * DAY) + ",\"topic\":\"01020304\","
                    + "\"payload\":\"0102\",\"padding\":\"\",\"hash\":\"" + String.format("%02x", i) + "\"}");
        }
        Files.write(messages, lines);
        assertEquals(0, run(new BuildCommand(), "--community", COMMUNITY, "--topics", "01020304", "--from", "" + JAN_1,
                "--to", "" + (JAN_1 + 21 * DAY), "--messages", messages.toString(), "--data-dir",
                tmp.resolve("d").toString(), "--encrypt-key", KEY), err);
        String dir = tmp.resolve("d").resolve(COMMUNITY).toString();
        try (CodexEmulator node = CodexEmulator.start(EmulatorConfig.builder().dataDir(tmp.resolve("node")).build())) {
            String url = node.baseUri().toString();
            assertEquals(0, run(new MigrateCommand(), dir, "--codex", url, "--dry-run", "--encrypt-key", KEY), err);
            assertEquals("", out, "a dry run prints no CID");
            assertTrue(err.contains("3 archives") && err.contains("dry run"), err);

            assertEquals(1, run(new MigrateCommand(), dir, "--codex", url), "encrypted without the key");
            assertTrue(err.contains("--encrypt-key"), err);

            assertEquals(0, run(new MigrateCommand(), dir, "--codex", url, "--encrypt-key", KEY), err);
            List<String> printed = out.lines().toList();
            String cid = printed.get(printed.size() - 1);
            assertTrue(cid.matches("zDv[1-9A-HJ-NP-Za-km-z]+"), out);
            assertTrue(err.contains("verified") && err.contains("index committed"), err);

            assertEquals(0, run(new MigrateCommand(), dir, "--codex", url, "--encrypt-key", KEY), err);
            assertEquals(cid, out.strip(), "a rerun ends with the same index CID");
            assertTrue(err.contains("uploaded 0"), err);
        }
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
