package org.archivist.storage.codex.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;

import org.archivist.storage.codex.cid.Cid;
import org.archivist.storage.codex.cid.CodexContentIds;
import org.archivist.storage.codex.cid.CodexLine;
import org.archivist.storage.codex.cid.ContentKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client must do against any Codex node of either line: run against both emulator lines in every
 * build, and against a real node when {@code CODEX_API_URL} is set. Tests do not assume an empty node.
 */
abstract class CodexClientContract {
    static final String VECTOR_MANIFEST = "zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy";
    static final String VECTOR_MANIFEST_STORAGE_LINE = "zDvZRwzmDuZWyWGSH6qZqF7ft1AGzxqxqRNQXfpPRKPPr389wS6s";
    static final String VECTOR_TREE = "zDzSvJTezk7bJNQqFq8k1iHXY84psNuUfZVusA5bBQQUSuyzDSVL";

    @TempDir
    Path tmp;

    abstract CodexClient client();

    Path file(String name, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return Files.write(tmp.resolve(name), data);
    }

    @Test
    void theUpstreamVector() throws Exception {
        String cid = client().upload(new ByteArrayInputStream("some file contents".getBytes(StandardCharsets.UTF_8)),
                null, null);
        assertEquals(client().line() == CodexLine.STORAGE_V1 ? VECTOR_MANIFEST_STORAGE_LINE : VECTOR_MANIFEST, cid);
        ManifestInfo manifest = client().manifest(cid);
        assertEquals(VECTOR_TREE, manifest.treeCid());
        assertEquals(new ContentKey(Cid.parse(VECTOR_TREE), 65536), manifest.contentKey());
        assertEquals(18, manifest.datasetSize());
        assertEquals(65536, manifest.blockSize());
        assertNull(manifest.filename());
        assertNull(manifest.mimetype());
        Downloaded d = client().download(cid, tmp.resolve("vector"));
        assertEquals("some file contents", Files.readString(d.file()));
        assertEquals(manifest.contentKey(), d.contentKey());
    }

    @Test
    void uploadsAndDownloadsEverySizeVerified() throws Exception {
        for (int size : new int[] {1, 65536, 65537, 10 * 1024 * 1024}) {
            Path source = file("source-" + size + ".bin", size, size);
            String cid = client().upload(source);
            assertEquals(CodexContentIds.manifestCid(source, source.getFileName().toString(), CodexClient.OCTET_STREAM,
                    client().line()).toString(), cid, "CID of " + size + " bytes");
            Path target = tmp.resolve("copy-" + size);
            Downloaded d = client().download(cid, target);
            assertEquals(size, d.bytes());
            assertEquals(source.getFileName().toString(), d.filename());
            assertArrayEquals(sha256(source), sha256(target), "content of " + size + " bytes");
            assertTrue(client().exists(cid));
        }
    }

    @Test
    void anEmptyUploadIsTheNodes500() throws Exception {
        Path empty = Files.write(tmp.resolve("empty"), new byte[0]);
        CodexServerException e = assertThrows(CodexServerException.class, () -> client().upload(empty));
        assertEquals(500, e.status());
        assertFalse(e.retryable());
    }

    @Test
    void badMimeTypeOrFilenameIs422() throws Exception {
        Path source = file("x.bin", 10, 1);
        CodexRejectedException mime = assertThrows(CodexRejectedException.class,
                () -> client().upload(source, "x.bin", "text/plain; charset=UTF-8"));
        assertEquals(422, mime.status());
        CodexRejectedException name = assertThrows(CodexRejectedException.class,
                () -> client().upload(source, "bad:name", CodexClient.OCTET_STREAM));
        assertEquals(422, name.status());
        CodexRejectedException local = assertThrows(CodexRejectedException.class,
                () -> client().upload(source, "caf\u00e9.bin", CodexClient.OCTET_STREAM));
        assertTrue(local.getMessage().contains("U+00E9"), local.getMessage());
    }

    @Test
    void statusPathsOfAbsentAndMalformedCids() throws Exception {
        Path source = file("absent.bin", 1000, 99);
        String absent = CodexContentIds.manifestCid(source, "never-uploaded", null).toString();
        assertFalse(client().exists(absent));
        CodexNotFoundException local = assertThrows(CodexNotFoundException.class,
                () -> client().download(absent, tmp.resolve("nothing"), DownloadOptions.DEFAULT
                        .source(DownloadOptions.Source.LOCAL)));
        assertEquals(404, local.status());
        assertFalse(Files.exists(tmp.resolve("nothing")));
        client().delete(absent); // 204 for nothing
        assertThrows(CodexRejectedException.class, () -> client().exists("not-a-cid"));
    }

    @Test
    void deleteSpaceAndList() throws Exception {
        Path source = file("del.bin", 70_000, 7);
        Space before = client().space();
        String cid = client().upload(source);
        assertTrue(client().list().stream().anyMatch(m -> m.cid().equals(cid) && m.datasetSize() == 70_000));
        Space after = client().space();
        assertTrue(after.quotaUsedBytes() >= before.quotaUsedBytes());
        assertTrue(after.quotaMaxBytes() > 0);
        client().delete(cid);
        assertFalse(client().exists(cid));
        assertTrue(client().peerId().startsWith("16Uiu2"));
        assertTrue(client().debugInfo().contains("\"id\""));
    }

    @Test
    void fetchOfALocalDatasetAnswersItsManifest() throws Exception {
        Path source = file("fetch.bin", 5000, 5);
        String cid = client().upload(source);
        ManifestInfo m = client().fetch(cid);
        assertEquals(cid, m.cid());
        assertEquals(5000, m.datasetSize());
        assertEquals("fetch.bin", m.filename());
        assertEquals(CodexClient.OCTET_STREAM, m.mimetype());
    }

    @Test
    void theContentKeyIsComputableOfflineAndTheSameOnTheNode() throws Exception {
        Path source = file("key.bin", 200_000, 11);
        String cid = client().upload(source);
        assertEquals(ContentKey.of(source), client().manifest(cid).contentKey());
        assertEquals(ContentKey.of(source), client().download(cid, tmp.resolve("key.out")).contentKey());
    }

    @Test
    void currentLineExtrasOrATypedRefusal() throws Exception {
        Path source = file("extras.bin", 3 * 4096 + 1, 12);
        UploadOptions small = UploadOptions.DEFAULT.named("extras.bin", null).blockSize(4096).advertise(false);
        if (client().line() != CodexLine.STORAGE_V1) {
            assertThrows(CodexUnsupportedException.class, () -> client().upload(source, small));
            String cid = client().upload(source);
            assertThrows(CodexUnsupportedException.class, () -> client().isAdvertised(cid));
            NetworkFetch fetch = client().startFetch(cid);
            assertTrue(fetch.downloadId().isEmpty());
            assertThrows(CodexUnsupportedException.class, () -> client().fetchProgress(fetch));
            return;
        }
        String cid = client().upload(source, small);
        ManifestInfo m = client().manifest(cid);
        assertEquals(4096, m.blockSize());
        assertEquals(ContentKey.of(Files.newInputStream(source), 4096), m.contentKey());
        assertEquals(CodexContentIds.tree(Files.newInputStream(source), 4096).manifest("extras.bin", null)
                .cid(CodexLine.STORAGE_V1).toString(), cid);
        assertFalse(client().isAdvertised(cid));
        client().advertise(cid, true);
        assertTrue(client().isAdvertised(cid));
        Downloaded d = client().download(cid, tmp.resolve("extras.out"));
        assertArrayEquals(sha256(source), sha256(d.file()));
        assertEquals(m.contentKey(), d.contentKey());
        NetworkFetch fetch = client().startFetch(cid);
        assertTrue(fetch.downloadId().isPresent());
        assertTrue(fetch.downloadId().getAsLong() >= 1);
        FetchProgress p = client().fetchProgress(fetch);
        assertTrue(!p.active() || p.totalBlocks() == 4, p.toString());
    }

    static byte[] sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(p)) {
            byte[] b = new byte[65536];
            int n;
            while ((n = in.read(b)) > 0) {
                md.update(b, 0, n);
            }
        }
        return md.digest();
    }
}
