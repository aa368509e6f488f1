package org.archivist.itests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second node: the distribution unpacked into a directory of its own, configured only through files in its
 * {@code etc/}, run as {@code bin/karaf server} in a child process on loopback ports, and killed (with its
 * children) when the test JVM exits. Driver side: the container reaches it through {@link KarafClient}.
 */
final class KarafInstance {
    private final Path home;
    private final int sshPort = FreePorts.next();
    private final Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    private Process process;

    KarafInstance(Path home) {
        this.home = home.toAbsolutePath();
        config("org.apache.karaf.shell", "sshPort", String.valueOf(sshPort));
        config("org.apache.karaf.shell", "sshHost", "127.0.0.1");
        config("org.apache.karaf.management", "rmiRegistryPort", String.valueOf(FreePorts.next()));
        config("org.apache.karaf.management", "rmiServerPort", String.valueOf(FreePorts.next()));
    }

    Path home() {
        return home;
    }

    int sshPort() {
        return sshPort;
    }

    /** Sets a key of {@code etc/<pid>.cfg} (a factory configuration: {@code <factoryPid>-<name>}). */
    KarafInstance config(String pid, String key, String value) {
        configs.computeIfAbsent(pid, p -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** Unpacks the distribution (afresh), writes the configurations and starts the node. */
    KarafInstance start() {
        try {
            deleteRecursively(home);
            Files.createDirectories(home);
            run(new ProcessBuilder("tar", "xzf", Distribution.tarGz().getAbsolutePath(), "-C", home.toString(),
                    "--strip-components=1"));
            for (Map.Entry<String, Map<String, String>> cfg : configs.entrySet()) {
                CfgFiles.merge(home.resolve("etc").resolve(cfg.getKey() + ".cfg"), cfg.getValue());
            }
            ProcessBuilder karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("console.out").toFile());
            karaf.environment().put("JAVA_HOME", System.getProperty("java.home"));
            process = karaf.start();
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> kill(started)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Karaf instance in " + home, e);
        }
    }

    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(ProcessBuilder pb) throws IOException {
        try {
            Process p = pb.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", pb.command()) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
