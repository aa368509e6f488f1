package org.archivist.storage.codex.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.archivist.storage.codex.cid.DatasetHasher;
import org.archivist.storage.codex.cid.DatasetTree;

/**
 * An upload body streamed from a file (repeatable, fixed length) or a stream (once, chunked), hashed on the
 * way out so the client knows the CID the node must answer.
 */
final class HashingEntity extends AbstractHttpEntity {
    private static final int BUFFER = 64 * 1024;
    private final Path file;
    private final InputStream stream;
    private final int blockSize;
    private volatile DatasetTree tree;

    HashingEntity(Path file, int blockSize) {
        super((ContentType) null, null);
        this.blockSize = blockSize;
        this.file = file;
        this.stream = null;
    }

    HashingEntity(InputStream stream, int blockSize) {
        super((ContentType) null, null, true);
        this.blockSize = blockSize;
        this.file = null;
        this.stream = stream;
    }

    DatasetTree tree() {
        return tree;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        DatasetHasher hasher = new DatasetHasher(blockSize);
        try (InputStream in = getContent()) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                hasher.update(buffer, 0, n);
            }
        }
        out.flush();
        tree = hasher.finish();
    }

    @Override
    public boolean isRepeatable() {
        return file != null;
    }

    @Override
    public long getContentLength() {
        try {
            return file != null ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public InputStream getContent() throws IOException {
        return file != null ? Files.newInputStream(file) : stream;
    }

    @Override
    public boolean isStreaming() {
        return file == null;
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
        }
    }
}
