package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The filenames the backend uploads under. They are part of the manifest and so of the CID, hence derived
 * from the content alone: the same blob always gets the same CID, also when re-uploaded after expiry.
 */
final class BlobNames {
    static final String INDEX = "index";

    private BlobNames() {
    }

    static String archive(Path blob) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(blob)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return "archive-" + HexFormat.of().formatHex(sha.digest(), 0, 8) + ".bin";
    }
}
