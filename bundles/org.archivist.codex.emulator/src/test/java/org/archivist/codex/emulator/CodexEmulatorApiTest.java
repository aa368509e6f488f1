package org.archivist.codex.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator speaks the node's API, raw HTTP: status codes, headers, quirks, quota, TTL. */
class CodexEmulatorApiTest {
    private static final String MANIFEST = "zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy";
    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock();
    private CodexEmulator node;

    @BeforeEach
    void start() throws IOException {
        node = CodexEmulator.start(EmulatorConfig.builder().clock(clock).blockTtl(Duration.ofDays(30))
                .maintenanceInterval(Duration.ZERO).blockRetries(1).retryDelay(Duration.ofMillis(1)).build());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.apiUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] vector() {
        return "some file contents".getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void uploadGivesTheUpstreamCidAndSpaceCountsPaddedBlocks() throws Exception {
        HttpResponse<String> up = send("POST", "/data", vector());
        assertEquals(200, up.statusCode());
        assertEquals(MANIFEST, up.body());
        HttpResponse<String> space = send("GET", "/space", null);
        assertEquals(200, space.statusCode());
        assertTrue(space.body().contains("\"totalBlocks\":2"), space.body());
        assertTrue(space.body().contains("\"quotaUsedBytes\":65592"), space.body());
        assertTrue(space.body().contains("\"quotaMaxBytes\":21474836480"), space.body());
        HttpResponse<String> list = send("GET", "/data", null);
        assertTrue(list.body().contains("{\"cid\":\"" + MANIFEST + "\",\"manifest\":{\"treeCid\":"
                + "\"zDzSvJTezk7bJNQqFq8k1iHXY84psNuUfZVusA5bBQQUSuyzDSVL\",\"datasetSize\":18,\"blockSize\":65536,"
                + "\"filename\":null,\"mimetype\":null,\"protected\":false}}"), list.body());
    }

    @Test
    void downloadHasLengthTypeAndDispositionButNoRange() throws Exception {
        String cid = send("POST", "/data", vector(), "Content-Type", "text/plain",
                "Content-Disposition", "attachment; filename=\"a.txt\"").body();
        HttpResponse<String> down = send("GET", "/data/" + cid, null, "Range", "bytes=0-3");
        assertEquals(200, down.statusCode());
        assertEquals("some file contents", down.body());
        assertEquals("18", down.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("text/plain", down.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"a.txt\"", down.headers().firstValue("Content-Disposition").orElseThrow());
        assertFalse(down.headers().firstValue("Accept-Ranges").isPresent());
        assertFalse(down.headers().firstValue("Transfer-Encoding").isPresent());
    }

    @Test
    void uploadHeaderRulesAnswer422() throws Exception {
        assertEquals(422, send("POST", "/data", vector(), "Content-Type", "text/plain; charset=UTF-8").statusCode());
        assertEquals("The MIME type 'foo/bar' is not valid.",
                send("POST", "/data", vector(), "Content-Type", "foo/bar").body());
        assertEquals(200, send("POST", "/data", vector(), "Content-Type", "APPLICATION/OCTET-STREAM").statusCode());
        // the node strips whitespace around what follows filename=", so a leading space is gone before the check
        assertEquals(200, send("POST", "/data", vector(), "Content-Disposition", "filename=\" a.txt\"").statusCode());
        for (String bad : new String[] {"", "a ", "a.", "a:b", "a/b", "CON", "nul.txt", "a^b"}) {
            HttpResponse<String> r = send("POST", "/data", vector(), "Content-Disposition", "filename=\"" + bad + "\"");
            assertEquals(422, r.statusCode(), bad);
            assertEquals("The filename is not valid.", r.body());
        }
        // unquoted and RFC 5987 forms are silently ignored, as the node does
        assertEquals(MANIFEST, send("POST", "/data", vector(), "Content-Disposition", "attachment; filename=a.txt").body());
    }

    @Test
    void emptyBodyIs500() throws Exception {
        HttpResponse<String> r = send("POST", "/data", new byte[0]);
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("Empty leaves"));
    }

    @Test
    void badCidIs400AndAbsentIs404() throws Exception {
        assertEquals(400, send("GET", "/data/not-a-cid", null).statusCode());
        assertEquals(400, send("DELETE", "/data/zzz0", null).statusCode());
        assertEquals(404, send("GET", "/data/" + MANIFEST, null).statusCode());
        assertEquals(404, send("GET", "/data/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", null).statusCode());
        assertEquals(404, send("GET", "/data/" + MANIFEST + "/network/manifest", null).statusCode());
        assertEquals(404, send("POST", "/data/" + MANIFEST + "/network", null).statusCode());
        assertEquals(500, send("GET", "/data/" + MANIFEST + "/network/stream", null).statusCode());
        assertEquals(503, send("GET", "/sales/slots", null).statusCode());
    }

    @Test
    void deleteIs204EvenForNothingAndExistsIsKeyedByCid() throws Exception {
        assertEquals(204, send("DELETE", "/data/" + MANIFEST, null).statusCode());
        assertEquals("{\"" + MANIFEST + "\":false}", send("GET", "/data/" + MANIFEST + "/exists", null).body());
        send("POST", "/data", vector());
        assertEquals("{\"" + MANIFEST + "\":true}", send("GET", "/data/" + MANIFEST + "/exists", null).body());
        assertEquals(204, send("DELETE", "/data/" + MANIFEST, null).statusCode());
        assertEquals(0, node.usedBytes());
        assertEquals(404, send("GET", "/data/" + MANIFEST, null).statusCode());
    }

    @Test
    void blocksExpireAfterTheirTtl() throws Exception {
        send("POST", "/data", vector());
        clock.advance(Duration.ofDays(29));
        assertEquals(0, node.runMaintenance());
        assertEquals(200, send("POST", "/data", vector()).statusCode()); // re-upload refreshes the expiry
        clock.advance(Duration.ofDays(2));
        assertEquals(0, node.runMaintenance());
        clock.advance(Duration.ofDays(29));
        assertEquals(2, node.runMaintenance());
        assertEquals(404, send("GET", "/data/" + MANIFEST, null).statusCode());
    }

    @Test
    void quotaExhaustionIs500() throws Exception {
        node.close();
        node = CodexEmulator.start(EmulatorConfig.builder().quotaMaxBytes(100_000).maintenanceInterval(Duration.ZERO)
                .build());
        byte[] data = new byte[70_000];
        new java.util.Random(1).nextBytes(data);
        HttpResponse<String> r = send("POST", "/data", data);
        assertEquals(500, r.statusCode());
        assertTrue(r.body().startsWith("Unable to store block z"), r.body());
    }

    @Test
    void nodeEndpoints() throws Exception {
        assertTrue(send("GET", "/peerid", null).body().startsWith("{\"id\":\"16Uiu2HA"));
        assertTrue(send("GET", "/peerid", null, "Accept", "text/plain").body().startsWith("16Uiu2HA"));
        assertTrue(send("GET", "/spr", null).body().contains("\"spr\":\"spr:"));
        assertTrue(send("GET", "/debug/info", null).body().contains("\"codex\""));
        assertEquals(400, send("POST", "/debug/chronicles/loglevel", null).statusCode());
        assertEquals(200, send("POST", "/debug/chronicles/loglevel?level=DEBUG", null).statusCode());
        assertEquals(400, send("GET", "/connect/" + node.peerId() + "x", null).statusCode());
    }

    @Test
    void truncatedDownloadClosesTheConnectionEarly() throws Exception {
        byte[] data = new byte[200_000];
        String cid = send("POST", "/data", data).body();
        node.faults().truncateNext(1, 70_000);
        assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(URI.create(node.apiUri() + "/data/" + cid))
                .build(), HttpResponse.BodyHandlers.ofByteArray()));
        assertEquals(200_000, http.send(HttpRequest.newBuilder(URI.create(node.apiUri() + "/data/" + cid)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body().length);
    }

    @Test
    void offlineDropsConnectionsAndAdminEndpointControlsFaults() throws Exception {
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(node.baseUri() + "/admin/faults?offline=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(set.body().contains("\"offline\":true"));
        assertThrows(IOException.class, () -> send("GET", "/space", null));
        http.send(HttpRequest.newBuilder(URI.create(node.baseUri() + "/admin/faults")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, send("GET", "/space", null).statusCode());
    }

    @Test
    void storagePrefixOfTheNewestNodes() throws Exception {
        node.close();
        node = CodexEmulator.start(EmulatorConfig.builder().apiPrefix(EmulatorConfig.STORAGE_PREFIX)
                .maintenanceInterval(Duration.ZERO).build());
        assertTrue(node.apiUri().toString().endsWith("/api/storage/v1"));
        // The current line writes manifestVersion as header field 1 and moves the others by one: same bytes,
        // same tree, another manifest CID (computed independently with a throwaway script from spec 1.10).
        assertEquals(STORAGE_LINE_MANIFEST, send("POST", "/data", vector()).body());
    }

    static final String STORAGE_LINE_MANIFEST = "zDvZRwzmDuZWyWGSH6qZqF7ft1AGzxqxqRNQXfpPRKPPr389wS6s";

    /** A clock tests move forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
