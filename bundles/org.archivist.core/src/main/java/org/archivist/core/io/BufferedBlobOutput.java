package org.archivist.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * An output stream over one buffer that an encoder may also fill directly ({@link #reserve}): the archive
 * encoder writes its fields straight into it, so that a backend whose buffer is a direct one (the archive
 * directory's) gets the bytes into the page cache with a single copy, not through a heap buffer and the
 * JDK's temporary direct one. A full buffer is handed to {@link #drain} and reused; the stream never grows.
 *
 * @since core.io 1.2
 */
public abstract class BufferedBlobOutput extends OutputStream {
    private final ByteBuffer buffer;

    protected BufferedBlobOutput(ByteBuffer buffer) {
        if (buffer.capacity() < 64) {
            throw new IllegalArgumentException("a blob buffer needs at least 64 bytes, not " + buffer.capacity());
        }
        this.buffer = buffer.clear();
    }

    /** The stream to use for {@code out}: itself when it is one, otherwise a heap buffer of {@code size} in front. */
    public static BufferedBlobOutput over(OutputStream out, int size) {
        return out instanceof BufferedBlobOutput b ? b : new HeapBuffered(out, size);
    }

    /**
     * The buffer with at least {@code n} bytes free, after draining what it held if needed: the caller puts at
     * most {@code n} bytes into it (at its position) and nothing else.
     */
    public final ByteBuffer reserve(int n) throws IOException {
        if (n > buffer.capacity()) {
            throw new IllegalArgumentException("cannot reserve " + n + " bytes in a buffer of " + buffer.capacity());
        }
        if (buffer.remaining() < n) {
            push();
        }
        return buffer;
    }

    @Override
    public final void write(int b) throws IOException {
        reserve(1).put((byte) b);
    }

    @Override
    public final void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                push();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /** Hands what is buffered to {@link #drain}. */
    public final void push() throws IOException {
        buffer.flip();
        try {
            if (buffer.hasRemaining()) {
                drain(buffer);
            }
        } finally {
            buffer.clear();
        }
    }

    /** Pushes what is buffered; subclasses may flush their target too. */
    @Override
    public void flush() throws IOException {
        push();
    }

    /** Bytes buffered and not drained yet. */
    protected final int buffered() {
        return buffer.position();
    }

    /** Takes every remaining byte of {@code bytes} (the buffer, flipped); the buffer is cleared afterwards. */
    protected abstract void drain(ByteBuffer bytes) throws IOException;

    /** A heap buffer in front of any stream; flushing pushes into it but does not flush it (nor closes it). */
    private static final class HeapBuffered extends BufferedBlobOutput {
        private final OutputStream out;

        HeapBuffered(OutputStream out, int size) {
            super(ByteBuffer.allocate(size));
            this.out = out;
        }

        @Override
        protected void drain(ByteBuffer bytes) throws IOException {
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            bytes.position(bytes.limit());
        }
    }
}
