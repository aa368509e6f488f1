package org.archivist.tool.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.archivist.api.ArchivedMessage;
import org.archivist.core.jsonl.JsonlMessages;
import org.archivist.api.ContentTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build killed at every crash point (the child JVM halts there, as kill -9 would stop it), then run
 * again with the same command, ends with data and index byte-identical to an uninterrupted build; and a
 * repeated build changes nothing. The crash points are the core's test hook ({@code
 * -Darchivist.test.crashAt=N}): every append step, every step of the atomic index and record writes.
 */
class CrashAndRerunTest {
    private static final String COMMUNITY = "0x03" + "cd".repeat(32);
    private static final long JAN_1 = 1577836800L;
    private static final long DAY = 86400;
    private static final int HALTED = 137;

    @TempDir
    Path tmp;

    @Test
    void aBuildKilledAtAnyPointThenRerunEqualsACleanBuild() throws Exception {
        Path messages = messages();
        Path clean = tmp.resolve("clean");
        assertEquals(0, inProcessBuild(messages, clean), "the clean build");
        byte[] cleanData = Files.readAllBytes(dir(clean).resolve("data"));
        byte[] cleanIndex = Files.readAllBytes(dir(clean).resolve("index"));
        assertEquals(4, cleanIndex.length > 0 ? countArchives(clean) : 0);

        assertEquals(0, inProcessBuild(messages, clean), "a repeated build");
        assertArrayEquals(cleanData, Files.readAllBytes(dir(clean).resolve("data")));
        assertArrayEquals(cleanIndex, Files.readAllBytes(dir(clean).resolve("index")));

        int crashes = 0;
        for (int point = 1; point < 200; point++) {
            Path crashed = tmp.resolve("crash-" + point);
            int status = childBuild(messages, crashed, point);
            if (status == 0) {
                break; // fewer crash points than this: the run completed
            }
            assertEquals(HALTED, status, "crash point " + point + ": " + Files.readString(tmp.resolve("child.err")));
            crashes++;
            assertEquals(0, inProcessBuild(messages, crashed), "the rerun after crash point " + point);
            assertArrayEquals(cleanData, Files.readAllBytes(dir(crashed).resolve("data")), "data after point " + point);
            assertArrayEquals(cleanIndex, Files.readAllBytes(dir(crashed).resolve("index")),
                    "index after point " + point);
        }
        assertTrue(crashes >= 20, "only " + crashes + " crash points were exercised");
    }

    private int countArchives(Path dataDir) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        new InspectCommand().run(List.of(dir(dataDir).toString()), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return (int) o.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("0x")).count();
    }

    private List<String> args(Path messages, Path dataDir) {
        return List.of("build", "--community", COMMUNITY, "--topics", "01020304", "--from", "" + JAN_1, "--to",
                "" + (JAN_1 + 28 * DAY), "--messages", messages.toString(), "--data-dir", dataDir.toString());
    }

    private int inProcessBuild(Path messages, Path dataDir) throws Exception {
        List<String> a = args(messages, dataDir);
        return new BuildCommand().run(a.subList(1, a.size()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private int childBuild(Path messages, Path dataDir, int crashAt) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Darchivist.test.crashAt=" + crashAt, "-cp", classpath, "org.archivist.tool.Main"));
        command.addAll(args(messages, dataDir));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("child.err").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child build hung at crash point " + crashAt);
        }
        return p.exitValue();
    }

    private Path dir(Path dataDir) {
        return dataDir.resolve(COMMUNITY);
    }

    /** Four weekly archives, the last of two pieces. */
    private Path messages() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int week = 0; week < 4; week++) {
            for (int i = 0; i < 3; i++) {
                byte[] payload = new byte[week == 3 ? 40_000 : 100];
                payload[0] = (byte) i;
                lines.add(JsonlMessages.format(new ArchivedMessage(new byte[65], JAN_1 + week * 7 * DAY + i * 3600,
                        ContentTopic.of("01020304"), payload, new byte[0], new byte[] {(byte) week, (byte) i}, "")));
            }
        }
        Path file = tmp.resolve("messages.jsonl");
        Files.write(file, lines);
        return file;
    }
}
