package org.archivist.tool.bittorrent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A python3-libtorrent seed of one .torrent on 127.0.0.1, for as long as this object is open. */
final class LibtorrentSeed implements AutoCloseable {
    private final Process process;
    private final int port;

    private LibtorrentSeed(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LibtorrentSeed start(String python, Path work, Path torrent, Path saveDir, boolean encrypted)
            throws IOException {
        Path script = copyScript(work, "lt_seed.py");
        List<String> command = new ArrayList<>(List.of(python, "-u", script.toString(), torrent.toString(),
                saveDir.toString()));
        if (encrypted) {
            command.add("encrypted");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder transcript = new StringBuilder();
        for (String line; (line = r.readLine()) != null; ) {
            transcript.append(line).append('\n');
            if (line.startsWith("SEEDING ")) {
                return new LibtorrentSeed(p, Integer.parseInt(line.substring("SEEDING ".length()).trim()));
            }
        }
        p.destroyForcibly();
        throw new IOException("the libtorrent seed did not start:\n" + transcript);
    }

    static Path copyScript(Path work, String name) throws IOException {
        Path script = work.resolve(name);
        if (!Files.exists(script)) {
            try (InputStream in = LibtorrentSeed.class.getResourceAsStream("/bittorrent/" + name)) {
                Files.copy(in, script);
            }
        }
        return script;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
