package org.archivist.tool.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** {@code archivist codex-emulator} as a process: SIGTERM stops it; a fatal Error ends it with a non-zero exit. */
class CodexEmulatorProcessTest {
    private static Process start(String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "org.archivist.tool.Main", "codex-emulator", "--port", "0"));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static URI apiUri(Process p) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            int at = line.indexOf("listening: ");
            if (at >= 0) {
                return URI.create(line.substring(at + "listening: ".length()).strip());
            }
        }
        throw new AssertionError("the emulator never said where it listens");
    }

    @Test
    void sigtermStopsIt() throws Exception {
        Process p = start("--prefix", "/api/storage/v1");
        try {
            URI api = apiUri(p);
            assertTrue(api.toString().endsWith("/api/storage/v1"), api.toString());
            HttpResponse<String> space = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/space"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, space.statusCode());
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "still running 15 s after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aFatalErrorEndsTheProcessInsteadOfLeavingItListening() throws Exception {
        Process p = start();
        try {
            URI api = apiUri(p);
            String base = api.getScheme() + "://" + api.getRawAuthority();
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(URI.create(base + "/admin/faults?throwNext=oom"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            try {
                http.send(HttpRequest.newBuilder(URI.create(api + "/space")).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException expected) {
                // the connection is dropped
            }
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "still running after a fatal error");
            assertEquals(1, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
