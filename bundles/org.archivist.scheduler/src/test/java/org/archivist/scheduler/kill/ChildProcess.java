package org.archivist.scheduler.kill;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one of the kill tests' mains on the test class path: its stdout read line by line, its
 * stderr kept in a file for the failure message. It is stopped the hard way: at a core crash point
 * ({@code -Darchivist.test.crashAt=N}: the JVM halts there as kill -9 would stop it) or with SIGKILL
 * ({@link Process#destroyForcibly()}).
 */
final class ChildProcess implements AutoCloseable {
    /** The exit status of a halt at a crash point (core's CrashPoints), and of SIGKILL. */
    static final int KILLED = 137;

    private final Process process;
    private final BufferedReader out;
    private final Path err;
    private final List<String> lines = new ArrayList<>();

    private ChildProcess(Process process, Path err) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.err = err;
    }

    /** Starts {@code main} with {@code args}; {@code crashAt} > 0 halts it at that crash point. */
    static ChildProcess start(Class<?> main, int crashAt, Path err, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        if (crashAt > 0) {
            cmd.add("-Darchivist.test.crashAt=" + crashAt);
        }
        cmd.addAll(List.of("-cp", classpath, main.getName()));
        cmd.addAll(List.of(args));
        Files.createDirectories(err.getParent());
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        return new ChildProcess(p, err);
    }

    /** The next stdout line, or null at the end of the output. */
    String readLine() throws IOException {
        String line = out.readLine();
        if (line != null) {
            lines.add(line);
        }
        return line;
    }

    /** Reads stdout until a line starts with {@code prefix}; null if the output ended first. */
    String awaitLine(String prefix) throws IOException {
        for (String line; (line = readLine()) != null;) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    /** Reads the rest of stdout and waits for the exit; its status. */
    int finish(long timeoutSeconds) throws IOException, InterruptedException {
        while (readLine() != null) {
            // keep the lines
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the child did not end within " + timeoutSeconds + " s; " + describe());
        }
        return process.exitValue();
    }

    /** SIGKILL, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Waits up to {@code millis} for the child to end by itself; kills it if it did not. True if it was killed. */
    boolean killAfter(long millis) throws InterruptedException {
        if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        kill();
        return true;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    String describe() {
        String stderr;
        try {
            stderr = Files.exists(err) ? Files.readString(err) : "";
        } catch (IOException e) {
            stderr = e.toString();
        }
        if (stderr.length() > 20_000) {
            stderr = "..." + stderr.substring(stderr.length() - 20_000);
        }
        return "stdout " + lines + ", stderr:\n" + stderr;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
