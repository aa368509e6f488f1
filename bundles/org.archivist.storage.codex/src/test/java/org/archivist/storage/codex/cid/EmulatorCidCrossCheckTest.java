package org.archivist.storage.codex.cid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;

import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's CID code against the emulator's, which was written separately: raw uploads (plain HTTP, no client
 * code involved) of many sizes, names and block sizes on both lines must get the CIDs the client computes offline.
 */
class EmulatorCidCrossCheckTest {
    private static final int[] SIZES = {1, 2, 31, 32, 33, 4095, 4096, 4097, 65535, 65536, 65537, 131071, 131072,
            131073, 3 * 65536 + 17, 5 * 65536, 7 * 65536 - 1, 1_000_003};
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(CodexLine.class)
    void everySizeGetsTheSameCidsFromBothImplementations(CodexLine line) throws Exception {
        try (CodexEmulator node = CodexEmulator.start(EmulatorConfig.builder().apiPrefix(line.apiPrefix())
                .maintenanceInterval(Duration.ZERO).build())) {
            Random random = new Random(42);
            int checked = 0;
            for (int size : SIZES) {
                byte[] data = new byte[size];
                random.nextBytes(data);
                check(node, line, data, null, null, DatasetHasher.BLOCK_SIZE);
                check(node, line, data, "a-" + size + ".bin", "application/octet-stream", DatasetHasher.BLOCK_SIZE);
                checked += 2;
                if (line == CodexLine.STORAGE_V1) {
                    for (int blockSize : new int[] {4096, 16384, 524288}) {
                        check(node, line, data, null, null, blockSize);
                        checked++;
                    }
                }
            }
            assertTrue(checked >= 36);
        }
    }

    private void check(CodexEmulator node, CodexLine line, byte[] data, String filename, String mimetype,
            int blockSize) throws Exception {
        String query = blockSize == DatasetHasher.BLOCK_SIZE ? "" : "?blockSize=" + blockSize;
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(node.apiUri() + "/data" + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(data));
        if (filename != null) {
            post.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        }
        if (mimetype != null) {
            post.header("Content-Type", mimetype);
        }
        HttpResponse<String> answer = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        DatasetTree tree = CodexContentIds.tree(new ByteArrayInputStream(data), blockSize);
        CodexManifest manifest = tree.manifest(filename, mimetype);
        String what = line + ", " + data.length + " bytes, block size " + blockSize + ", name " + filename;
        assertEquals(manifest.cid(line).toString(), answer.body().strip(), what);
        String json = http.send(HttpRequest.newBuilder(URI.create(node.apiUri() + "/data/" + answer.body().strip()
                + "/network/manifest")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(json.contains("\"treeCid\":\"" + tree.treeCid() + "\""), what + ": " + json);
    }
}
