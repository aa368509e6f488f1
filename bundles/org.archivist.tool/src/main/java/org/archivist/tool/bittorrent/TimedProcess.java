package org.archivist.tool.bittorrent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one whole process (a download) and measures it from start to exit, as a user timing the command
 * would; its output is kept for the report when it fails.
 */
final class TimedProcess {
    private TimedProcess() {
    }

    /** The result: seconds from start to exit, the exit code (-1 after the deadline), the output. */
    record Result(double seconds, int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static Result run(List<String> command, Duration deadline) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "bench-output");
        reader.setDaemon(true);
        reader.start();
        boolean exited = p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!exited) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(2000);
        synchronized (output) {
            return new Result(seconds, exited ? p.exitValue() : -1, output.toString());
        }
    }
}
