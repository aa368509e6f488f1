package org.archivist.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs shell commands in another Karaf instance of this machine through its {@code bin/client} (ssh on
 * loopback), as an operator would. Container side.
 */
final class KarafClient {
    private final Path home;
    private final int sshPort;

    KarafClient(Path home, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
    }

    /** The shell of the container the calling code runs in (container side): its home and configured ssh port. */
    static KarafClient ofThisContainer() throws IOException {
        Path home = Path.of(System.getProperty("karaf.home"));
        String port = java.nio.file.Files.readAllLines(home.resolve(Distribution.SHELL_CFG)).stream()
                .filter(l -> l.trim().startsWith("sshPort")).map(l -> l.substring(l.indexOf('=') + 1).trim())
                .findFirst().orElseThrow(() -> new IOException("no sshPort in " + Distribution.SHELL_CFG));
        return new KarafClient(home, Integer.parseInt(port));
    }

    /** The commands' output; an exception when the client cannot connect or a command fails. */
    String run(String... commands) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-u", "karaf", "-p", "karaf",
                "-a", String.valueOf(sshPort), "-h", "127.0.0.1", "-r", "3", "-d", "1", "-b")
                .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("bin/client did not finish: " + String.join("; ", commands));
        }
        String text = new String(out, StandardCharsets.UTF_8).replaceAll("\u001B\\[[;\\d]*m", "");
        if (p.exitValue() != 0 || text.contains("Error executing command") || text.contains("Command not found")) {
            throw new IOException("bin/client " + String.join("; ", commands) + " failed (" + p.exitValue() + "): "
                    + text);
        }
        return text;
    }
}
