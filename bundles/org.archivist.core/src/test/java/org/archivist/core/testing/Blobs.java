package org.archivist.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.archivist.api.storage.BlobWriter;

/** Test sessions' use of a {@link BlobWriter}: the bytes it writes, checked against the announced length. */
public final class Blobs {
    private Blobs() {
    }

    public static byte[] read(long length, BlobWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.size() != length) {
            throw new IllegalStateException("the writer wrote " + out.size() + " of the announced " + length + " bytes");
        }
        return out.toByteArray();
    }
}
