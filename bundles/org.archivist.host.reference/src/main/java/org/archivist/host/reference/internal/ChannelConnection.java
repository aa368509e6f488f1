package org.archivist.host.reference.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * One accepted connection of the announcement channel's {@link FrameServer}: a 4-byte big-endian length, then
 * that many bytes, repeated. The frame buffer grows with the bytes that actually arrived (a claimed length
 * allocates nothing), and each frame must arrive whole before its deadline.
 */
final class ChannelConnection {
    private static final int GROWTH = 4096;

    final SocketChannel channel;
    final SelectionKey key;
    final InetAddress peer;
    /** Admission order: lower is older. */
    final long serial;
    private final int maxFrame;
    private final ByteBuffer header = ByteBuffer.allocate(4);
    private byte[] frame;
    private int filled;
    private int length = -1;
    /** When the frame being read must be complete ({@link System#nanoTime}). */
    private long deadline;

    ChannelConnection(SocketChannel channel, SelectionKey key, InetAddress peer, long serial, int maxFrame,
            long deadline) {
        this.channel = channel;
        this.key = key;
        this.peer = peer;
        this.serial = serial;
        this.maxFrame = maxFrame;
        this.deadline = deadline;
    }

    long deadline() {
        return deadline;
    }

    /** Bytes held for the frame being read (what the memory budget counts). */
    int buffered() {
        return frame == null ? 0 : frame.length;
    }

    /**
     * Reads what is available from {@code scratch}-sized reads; returns a complete frame when one is, else empty.
     * A caller calls again after a frame, as more may be buffered.
     *
     * @throws FrameException for a length outside {@code [1, maxFrame]} (an empty frame carries nothing, and
     *         would let a trickling peer restart its deadline every four bytes)
     * @throws java.io.EOFException when the peer closed inside a frame
     * @throws ClosedByPeer when the peer closed between frames
     */
    Optional<byte[]> read(ByteBuffer scratch, long frameDeadlineNanos) throws IOException {
        while (true) {
            if (length < 0) {
                int n = channel.read(header);
                if (n < 0) {
                    if (header.position() == 0) {
                        throw new ClosedByPeer();
                    }
                    throw new java.io.EOFException("the connection ended inside a frame header");
                }
                if (header.hasRemaining()) {
                    return Optional.empty();
                }
                length = header.getInt(0);
                if (length <= 0 || length > maxFrame) {
                    throw new FrameException("frame length " + length);
                }
                frame = new byte[Math.min(length, GROWTH)];
                filled = 0;
            }
            if (filled == length) {
                byte[] done = frame.length == length ? frame : java.util.Arrays.copyOf(frame, length);
                header.clear();
                length = -1;
                frame = null;
                deadline = System.nanoTime() + frameDeadlineNanos;
                return Optional.of(done);
            }
            scratch.clear();
            scratch.limit(Math.min(scratch.capacity(), length - filled));
            int n = channel.read(scratch);
            if (n < 0) {
                throw new java.io.EOFException("the connection ended inside a frame (" + filled + " of " + length
                        + " bytes)");
            }
            if (n == 0) {
                return Optional.empty();
            }
            if (filled + n > frame.length) {
                frame = java.util.Arrays.copyOf(frame, (int) Math.min(length, Math.max(filled + n, 2L * frame.length)));
            }
            scratch.flip();
            scratch.get(frame, filled, n);
            filled += n;
        }
    }

    void close() {
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** A frame whose claimed length is out of bounds. */
    static final class FrameException extends IOException {
        private static final long serialVersionUID = 1L;

        FrameException(String message) {
            super(message);
        }
    }

    /** The peer closed the connection cleanly, between frames. */
    static final class ClosedByPeer extends IOException {
        private static final long serialVersionUID = 1L;

        ClosedByPeer() {
            super("closed by the peer");
        }
    }
}
