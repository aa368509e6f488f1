package org.archivist.core.directory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import org.archivist.core.io.BufferedBlobOutput;

/**
 * One blob's bytes into the data file through the session's direct buffer, counted against the length the
 * blob was announced with: nothing past that length ever reaches the file (the drain that would cross it
 * fails, and the overflow is remembered), and {@link #checkComplete()} tells whether exactly the announced
 * bytes arrived.
 */
final class ChannelBlobOutput extends BufferedBlobOutput {
    private final FileChannel channel;
    private final ArchiveDirectory.DataWriter writer;
    private final long length;
    private long drained;
    private boolean overflowed;

    ChannelBlobOutput(ByteBuffer buffer, FileChannel channel, ArchiveDirectory.DataWriter writer, long length) {
        super(buffer);
        this.channel = channel;
        this.writer = writer;
        this.length = length;
    }

    @Override
    protected void drain(ByteBuffer bytes) throws IOException {
        if (drained + bytes.remaining() > length) {
            overflowed = true;
            throw new IOException("the blob writer wrote more than the announced " + length + " bytes");
        }
        int n = bytes.remaining();
        writer.write(channel, bytes);
        drained += n;
    }

    /** Writes what is buffered, then fails unless exactly the announced bytes were written (a misuse). */
    void checkComplete() throws IOException {
        if (!overflowed) {
            push();
        }
        if (overflowed || drained != length) {
            throw new IllegalStateException("the blob writer wrote " + (overflowed ? "more than" : drained + " of")
                    + " the announced " + length + " bytes");
        }
    }

    boolean overflowed() {
        return overflowed;
    }

    @Override
    public void close() {
        // the session owns the channel
    }
}
