package org.archivist.storage.codex.cid;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Computes, without a node, the CIDs a Codex node would give an upload. */
public final class CodexContentIds {
    private CodexContentIds() {
    }

    /** The tree of a stream's bytes (read to the end, not closed). */
    public static DatasetTree tree(InputStream in) throws IOException {
        DatasetHasher hasher = new DatasetHasher();
        hasher.update(in);
        return hasher.finish();
    }

    public static DatasetTree tree(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return tree(in);
        }
    }

    /** The tree of a stream's bytes cut into blocks of this size (read to the end, not closed). */
    public static DatasetTree tree(InputStream in, int blockSize) throws IOException {
        DatasetHasher hasher = new DatasetHasher(blockSize);
        hasher.update(in);
        return hasher.finish();
    }

    /** The manifest CID a node of this line gives an upload of this file with this filename and MIME type. */
    public static Cid manifestCid(Path file, String filename, String mimetype, CodexLine line) throws IOException {
        return tree(file).manifest(filename, mimetype).cid(line);
    }

    /** The manifest CID of an upload of these bytes with this filename and MIME type (null for none). */
    public static Cid manifestCid(Path file, String filename, String mimetype) throws IOException {
        return tree(file).manifest(filename, mimetype).cid();
    }

    public static Cid manifestCid(byte[] bytes, String filename, String mimetype) throws IOException {
        return tree(new java.io.ByteArrayInputStream(bytes)).manifest(filename, mimetype).cid();
    }
}
