package org.archivist.host.reference.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Reads from a socket against a deadline for a whole unit (a frame), not per byte: a peer trickling one
 * byte every few seconds runs out of time as surely as a silent one.
 */
final class DeadlineReader {
    private final Socket socket;
    private final InputStream in;

    DeadlineReader(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * Fills {@code buffer} before {@code deadlineNanos} ({@link System#nanoTime} based).
     *
     * @return false at a clean end of stream before the first byte (when {@code endAllowed})
     * @throws SocketTimeoutException when the deadline passes first
     * @throws java.io.EOFException when the stream ends inside the buffer
     */
    boolean readFully(byte[] buffer, long deadlineNanos, boolean endAllowed) throws IOException {
        int off = 0;
        while (off < buffer.length) {
            long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new SocketTimeoutException("the frame did not arrive in time (" + off + " of " + buffer.length
                        + " bytes)");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                if (off == 0 && endAllowed) {
                    return false;
                }
                throw new java.io.EOFException("the connection ended inside a frame");
            }
            off += n;
        }
        return true;
    }
}
