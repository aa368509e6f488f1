package org.archivist.storage.bittorrent.internal.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the python3-libtorrent scripts of src/test/resources/libtorrent with Debian's /usr/bin/python3 (the
 * pyenv python3 on PATH cannot import libtorrent). Every wait has a deadline; a missing libtorrent fails the
 * test with instructions instead of skipping it.
 */
public final class Libtorrent implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";
    private static volatile boolean checked;

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = Collections.synchronizedList(new ArrayList<>());

    private Libtorrent(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    transcript.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                transcript.add("(output closed: " + e.getMessage() + ")");
            }
        }, "libtorrent-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Fails the calling test unless /usr/bin/python3 can import libtorrent. */
    public static void require() {
        if (checked) {
            return;
        }
        try (Libtorrent probe = start("-c", "import libtorrent; print('libtorrent', libtorrent.__version__)")) {
            String line = probe.awaitLine("libtorrent", Duration.ofSeconds(30));
            if (line == null || probe.exitCode(Duration.ofSeconds(10)) != 0) {
                fail("python3-libtorrent is required by the interop tests but " + PYTHON + " cannot import it:\n"
                        + probe.transcript() + "\nInstall it: apt-get install -y python3-libtorrent"
                        + " (./archivist test does this when run as root).");
            }
        }
        checked = true;
    }

    public static Path script(String name) {
        try {
            return Path.of(Libtorrent.class.getResource("/libtorrent/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code /usr/bin/python3 <script> args...} (or {@code -c code}); stderr is merged into the output. */
    public static Libtorrent start(String scriptOrFlag, String... args) {
        return start(false, scriptOrFlag, args);
    }

    /** As {@link #start}, the peer accepting and making only encrypted connections (MSE, RC4 stream). */
    public static Libtorrent startRequiringEncryption(String script, String... args) {
        return start(true, script, args);
    }

    private static Libtorrent start(boolean encrypted, String scriptOrFlag, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u"));
        command.add(scriptOrFlag.endsWith(".py") ? script(scriptOrFlag).toString() : scriptOrFlag);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.directory(script("lt_common.py").getParent().toFile());
        if (encrypted) {
            builder.environment().put("LT_ENCRYPTION", "required");
        }
        try {
            return new Libtorrent(builder.start());
        } catch (IOException e) {
            fail("cannot start " + PYTHON + " for the libtorrent interop peer: " + e.getMessage()
                    + " (install python3-libtorrent)");
            throw new UncheckedIOException(e);
        }
    }

    /** The first output line starting with one of the prefixes, or null when the deadline passes or the process ends. */
    public String awaitLine(String prefix, Duration deadline) {
        return awaitAnyLine(List.of(prefix), deadline);
    }

    public String awaitAnyLine(List<String> prefixes, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        try {
            while (System.nanoTime() < end) {
                String line = lines.poll(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)),
                        TimeUnit.MILLISECONDS);
                if (line != null) {
                    for (String prefix : prefixes) {
                        if (line.startsWith(prefix)) {
                            return line;
                        }
                    }
                } else if (!process.isAlive() && lines.isEmpty()) {
                    return null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    public int exitCode(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Everything the script printed so far, for failure messages. */
    public String transcript() {
        synchronized (transcript) {
            return String.join("\n", transcript);
        }
    }

    /** Closes the script's stdin (the seed script's signal to stop) and ends it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
