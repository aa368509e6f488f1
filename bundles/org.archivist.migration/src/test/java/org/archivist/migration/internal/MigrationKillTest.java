package org.archivist.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration runs in a separate JVM ({@link MigrationChild}) that is killed with SIGKILL, at a step boundary
 * (the child waits there until told to go on) and at random moments, then rerun over the same journal and
 * Codex state, against a node that outlives it: the last run ends with every archive verified, the node answered
 * exactly one upload per archive plus one for the index over all runs, and the index CID is the one an
 * uninterrupted run gets on a fresh node.
 */
class MigrationKillTest {
    private static final Duration CHILD_DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;
    private final List<Process> children = new ArrayList<>();
    private final List<CodexEmulator> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        nodes.forEach(CodexEmulator::close);
    }

    private CodexEmulator node(String name) throws IOException {
        CodexEmulator node = CodexEmulator.start(EmulatorConfig.builder().dataDir(tmp.resolve(name))
                .maintenanceInterval(Duration.ZERO).build());
        nodes.add(node);
        return node;
    }

    private Process child(Path source, CodexEmulator node, Path root, boolean stepwise) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                MigrationChild.class.getName(), source.toString(), node.baseUri().toString(), root.toString()));
        if (stepwise) {
            cmd.add("stepwise");
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(p);
        return p;
    }

    /** An uninterrupted run: its output lines. */
    private List<String> runToEnd(Path source, CodexEmulator node, Path root) throws Exception {
        Process p = child(source, node, root, false);
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                lines.add(line);
            }
        }
        assertTrue(p.waitFor(CHILD_DEADLINE.toSeconds(), TimeUnit.SECONDS), "the child finished");
        assertEquals(0, p.exitValue(), "exit status; output " + lines);
        return lines;
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + " ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + key + " line in " + lines)).substring(key.length() + 1);
    }

    /** Runs a stepwise child, lets it pass {@code steps} steps, kills it at the next; false if it ended first. */
    private boolean killAtStep(Path source, CodexEmulator node, Path root, int steps) throws Exception {
        Process p = child(source, node, root, true);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        OutputStream go = p.getOutputStream();
        int seen = 0;
        for (String line; (line = r.readLine()) != null;) {
            if (line.startsWith("STEP ")) {
                if (++seen > steps) {
                    p.destroyForcibly().waitFor();
                    return true;
                }
                go.write('\n');
                go.flush();
            }
        }
        p.waitFor();
        return false;
    }

    private static void killAfter(Process p, long millis) throws Exception {
        if (!p.waitFor(millis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void killedWithSigkillAtStepsAndAtRandomTheRerunsEndVerifiedWithTheUninterruptedIndexCid() throws Exception {
        SourceFixture.build(tmp.resolve("source"), 4, 0, MigrationHarness.CIPHER);
        Path sourceDir = tmp.resolve("source");
        List<String> reference = runToEnd(sourceDir, node("reference-node"), tmp.resolve("reference"));
        String referenceLink = value(reference, "LINK");
        int archives = Integer.parseInt(value(reference, "REPORT").split(" ")[2]);

        CodexEmulator node = node("node");
        Path root = tmp.resolve("killed");
        int kills = 0;
        for (int steps = 0; killAtStep(sourceDir, node, root, steps); steps += 2) {
            kills++;
        }
        Random random = new Random(11);
        for (int i = 0; i < 4; i++) {
            killAfter(child(sourceDir, node, root, false), 300 + random.nextInt(1500));
        }
        List<String> last = runToEnd(sourceDir, node, root);
        String[] report = value(last, "REPORT").split(" ");
        assertTrue(kills >= 5, "killed at " + kills + " step boundaries");
        assertEquals("true", report[3], "complete: " + last);
        assertEquals(archives, Integer.parseInt(report[2]));
        assertEquals(archives, Integer.parseInt(report[1]), "every archive verified");
        assertEquals(referenceLink, value(last, "LINK"), "the uninterrupted run's index CID");
        assertEquals(archives + 1, node.uploadCount(), "each archive and the index uploaded once over all runs");

        List<String> again = runToEnd(sourceDir, node, root);
        assertEquals(referenceLink, value(again, "LINK"));
        assertEquals(archives + 1, node.uploadCount(), "a further rerun uploads nothing");
    }
}
