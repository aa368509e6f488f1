package org.archivist.core.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes on while counting them against the length a blob was announced with, for backends that
 * take a {@link org.archivist.api.storage.BlobWriter}: a write past the length fails (and is remembered),
 * and {@link #checkComplete()} tells whether exactly the announced bytes arrived. Closing does not close
 * the target.
 */
public final class ExactLengthOutputStream extends OutputStream {
    private final OutputStream target;
    private final long length;
    private long written;
    private boolean overflowed;

    public ExactLengthOutputStream(OutputStream target, long length) {
        this.target = target;
        this.length = length;
    }

    @Override
    public void write(int b) throws IOException {
        admit(1);
        target.write(b);
        written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        admit(len);
        target.write(b, off, len);
        written += len;
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void admit(int len) throws IOException {
        if (written + len > length) {
            overflowed = true;
            throw new IOException("the blob writer wrote more than the announced " + length + " bytes");
        }
    }

    /**
     * @throws IllegalStateException when the writer wrote more or fewer bytes than announced (a misuse of the
     *                               publish session)
     */
    public void checkComplete() {
        if (overflowed || written != length) {
            throw new IllegalStateException("the blob writer wrote " + (overflowed ? "more than" : written + " of")
                    + " the announced " + length + " bytes");
        }
    }

    /** Whether the writer went past the announced length. */
    public boolean overflowed() {
        return overflowed;
    }

    /** Checks the announced length of a blob. */
    public static void checkLength(long length) {
        if (length <= 0) {
            throw new IllegalArgumentException("a blob has at least one byte, not " + length);
        }
    }
}
