package org.archivist.tool.karaf;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Karaf instance of the Archivist distribution for the demo: unpacked into its own directory, configured
 * only through {@code etc/*.cfg} files (before the start for its ports, at run time for its communities, which
 * Configuration Admin picks up), run as {@code bin/karaf server}, driven through {@code bin/client} on its
 * loopback ssh port, and stopped with its child processes.
 */
final class KarafNode implements AutoCloseable {
    final String name;
    final Path home;
    final int sshPort = freePort();
    final int bittorrentPort = freePort();
    final int channelPort = freePort();
    private Process process;

    KarafNode(String name, Path home) {
        this.name = name;
        this.home = home.toAbsolutePath();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    void unpack(Path distribution) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Process tar = new ProcessBuilder("tar", "xzf", distribution.toString(), "-C", home.toString(),
                "--strip-components=1").redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            throw new IOException("cannot unpack " + distribution + ": " + out);
        }
        config("org.apache.karaf.shell", Map.of("sshPort", String.valueOf(sshPort), "sshHost", "127.0.0.1"));
        config("org.apache.karaf.management", Map.of("rmiRegistryPort", String.valueOf(freePort()),
                "rmiServerPort", String.valueOf(freePort())));
    }

    /** Writes (or rewrites) keys of {@code etc/<pid>.cfg}, keeping the file's other lines. */
    void config(String pid, Map<String, String> values) throws IOException {
        Path file = home.resolve("etc").resolve(pid + ".cfg");
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : new ArrayList<>();
        Map<String, String> pending = new LinkedHashMap<>(values);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String t = line.trim();
            int eq = t.indexOf('=');
            String key = t.startsWith("#") || eq < 0 ? null : t.substring(0, eq).trim();
            out.add(key != null && pending.containsKey(key) ? key + " = " + pending.remove(key) : line);
        }
        pending.forEach((k, v) -> out.add(k + " = " + v));
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(tmp, out);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("console.out").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = pb.start();
    }

    /** Runs shell commands through {@code bin/client}; their output, or an exception naming the failure. */
    String client(String... commands) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-u", "karaf", "-p", "karaf",
                "-h", "127.0.0.1", "-a", String.valueOf(sshPort), "-r", "3", "-d", "1", "-b")
                .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .replaceAll("\u001B\\[[;\\d]*m", "");
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(name + ": bin/client did not finish");
        }
        if (p.exitValue() != 0 || out.contains("Error executing command") || out.contains("Command not found")) {
            throw new IOException(name + ": " + String.join("; ", commands) + " failed: " + out.trim());
        }
        return out;
    }

    /** CPU time used so far by the instance's processes (the launcher script and its JVM), in nanoseconds. */
    long cpuNanos() {
        Process p = process;
        if (p == null) {
            return 0;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(p.toHandle()), p.descendants())
                .mapToLong(h -> h.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L)).sum();
    }

    /**
     * Stops the instance: SIGTERM to the launcher and its JVM (Karaf shuts down its bundles), then waits until
     * every one of those processes is gone, forcibly after 20 seconds, so nothing outlives the demo.
     */
    @Override
    public void close() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            for (ProcessHandle h : all) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !waitFor(h, left)) {
                    h.destroyForcibly();
                    waitFor(h, TimeUnit.SECONDS.toNanos(5));
                }
            }
        } catch (InterruptedException e) {
            all.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitFor(ProcessHandle h, long nanos) throws InterruptedException {
        try {
            h.onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !h.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !h.isAlive();
        }
    }

    @Override
    public String toString() {
        return "Karaf instance " + name + " in " + home;
    }
}
