package org.archivist.codex.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's {@code /api/storage/v1} line against spec section 1.10: routes, validation order, codes, shapes. */
class StorageLineApiTest {
    private static final String VECTOR_TREE = "zDzSvJTezk7bJNQqFq8k1iHXY84psNuUfZVusA5bBQQUSuyzDSVL";
    private final HttpClient http = HttpClient.newHttpClient();
    private CodexEmulator node;

    @BeforeEach
    void start() throws Exception {
        node = CodexEmulator.start(EmulatorConfig.builder().apiPrefix(EmulatorConfig.STORAGE_PREFIX)
                .maintenanceInterval(Duration.ZERO).blockRetries(1).build());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.apiUri() + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] vector() {
        return "some file contents".getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void uploadValidatesInTheNodesOrder() throws Exception {
        assertAnswer(400, "Invalid blockSize parameter", send("POST", "/data?blockSize=abc", vector(),
                "Content-Type", "bad/type"));
        assertAnswer(400, "blockSize must be a power of two between 4096 and 524288 bytes",
                send("POST", "/data?blockSize=65535", vector(), "Content-Type", "bad/type"));
        assertAnswer(400, "blockSize must be a power of two between 4096 and 524288 bytes",
                send("POST", "/data?blockSize=1048576", vector()));
        assertAnswer(422, "The MIME type 'bad/type' is not valid.", send("POST", "/data?advertise=maybe", vector(),
                "Content-Type", "bad/type", "Content-Disposition", "filename=\"a:b\""));
        assertAnswer(422, "The filename is not valid.", send("POST", "/data?advertise=maybe", vector(),
                "Content-Disposition", "filename=\"a:b\""));
        assertAnswer(422, "Filename exceeds maximum size of 255 bytes", send("POST", "/data?advertise=maybe", vector(),
                "Content-Disposition", "filename=\"" + "x".repeat(256) + "\""));
        assertEquals(400, send("POST", "/data?advertise=maybe", vector()).statusCode());
        assertEquals(200, send("POST", "/data?advertise=YES&blockSize=4096", vector()).statusCode());
        assertEquals(500, send("POST", "/data", new byte[0]).statusCode());
    }

    @Test
    void manifestJsonHasTheCurrentShape() throws Exception {
        String cid = send("POST", "/data", vector()).body();
        String json = send("GET", "/data/" + cid + "/network/manifest", null).body();
        assertTrue(json.contains("\"manifestVersion\":0"), json);
        assertTrue(json.contains("\"treeCid\":\"" + VECTOR_TREE + "\""), json);
        assertTrue(json.contains("\"blockSize\":65536") && json.contains("\"datasetSize\":18"), json);
        assertFalse(json.contains("protected"), json);
        String list = send("GET", "/data", null).body();
        assertTrue(list.startsWith("{\"content\":[{\"cid\":\"" + cid + "\""), list);
        String info = send("GET", "/debug/info", null).body();
        for (String key : new String[] {"\"libp2pPubKey\"", "\"storage\"", "\"nat\"", "\"connections\"",
                "\"mixPubKey\": null"}) {
            assertTrue(info.contains(key), key + " in " + info);
        }
        assertFalse(info.contains("\"codex\""), info);
        assertEquals(404, send("GET", "/sales/slots", null).statusCode(), "the marketplace is gone");
        assertEquals(204, send("OPTIONS", "/data", null).statusCode());
        assertEquals(204, send("OPTIONS", "/data/" + cid, null).statusCode());
    }

    @Test
    void advertiseRoutes() throws Exception {
        String cid = send("POST", "/data?advertise=false", vector()).body();
        assertAnswer(200, "{\"cid\":\"" + cid + "\",\"advertise\":false}", send("GET", "/data/" + cid + "/advertise", null));
        assertAnswer(200, "{\"cid\":\"" + cid + "\",\"advertise\":true}",
                send("POST", "/data/" + cid + "/advertise?advertise=on", null));
        assertEquals(400, send("POST", "/data/" + cid + "/advertise", null).statusCode());
        assertEquals(400, send("POST", "/data/" + cid + "/advertise?advertise=2", null).statusCode());
        assertAnswer(400, "CID is not a manifest", send("GET", "/data/" + VECTOR_TREE + "/advertise", null));
        send("DELETE", "/data/" + cid, null);
        assertAnswer(404, "Dataset not found", send("GET", "/data/" + cid + "/advertise", null));
        assertAnswer(400, "Incorrect Cid", send("GET", "/data/notacid/advertise", null));
    }

    @Test
    void anUnadvertisedDatasetIsNotFoundByPeers() throws Exception {
        String cid = send("POST", "/data?advertise=false", vector()).body();
        try (CodexEmulator member = CodexEmulator.start(EmulatorConfig.builder().apiPrefix(EmulatorConfig.STORAGE_PREFIX)
                .peer(node.baseUri()).blockRetries(1).maintenanceInterval(Duration.ZERO).build())) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(member.apiUri() + "/data/" + cid
                    + "/network/manifest")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
            send("POST", "/data/" + cid + "/advertise?advertise=true", null);
            r = http.send(HttpRequest.newBuilder(URI.create(member.apiUri() + "/data/" + cid + "/network/manifest"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        }
    }

    @Test
    void downloadIdsProgressAndCancel() throws Exception {
        String cid = send("POST", "/data", vector()).body();
        assertAnswer(400, "transport must be 'direct' or 'mix'", send("POST", "/data/" + cid + "/network?transport=tor",
                null));
        String started = send("POST", "/data/" + cid + "/network", null).body();
        assertTrue(started.matches("\\{\"cid\":\"" + cid + "\",\"manifest\":\\{.*\\},\"downloadId\":[0-9]+\\}"), started);
        assertAnswer(400, "Invalid download ID", send("GET", "/data/" + VECTOR_TREE + "/network/progress/x", null));
        assertAnswer(200, "{\"active\":false}", send("GET", "/data/" + VECTOR_TREE + "/network/progress/999", null));
        assertAnswer(404, "Background download not found", send("DELETE", "/data/" + VECTOR_TREE + "/network/999",
                null));
        assertAnswer(400, "Invalid download ID", send("DELETE", "/data/" + VECTOR_TREE + "/network/-1", null));
        String again = send("POST", "/data/" + cid + "/network?transport=mix", null).body();
        long first = Long.parseLong(started.replaceAll(".*\"downloadId\":([0-9]+)}", "$1"));
        long second = Long.parseLong(again.replaceAll(".*\"downloadId\":([0-9]+)}", "$1"));
        assertTrue(first >= 1 && second > first, started + " then " + again);
    }

    @Test
    void streamValidatesItsParameters() throws Exception {
        String cid = send("POST", "/data", vector()).body();
        assertEquals(400, send("GET", "/data/" + cid + "/network/stream?advertise=perhaps", null).statusCode());
        HttpResponse<String> ok = send("GET", "/data/" + cid + "/network/stream?transport=direct", null);
        assertEquals(200, ok.statusCode());
        assertEquals("some file contents", ok.body());
        assertEquals("Content-Disposition", ok.headers().firstValue("Access-Control-Expose-Headers").orElse(""));
    }

    private static void assertAnswer(int status, String body, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(body, r.body());
    }
}
