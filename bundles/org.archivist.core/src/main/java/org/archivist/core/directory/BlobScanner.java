package org.archivist.core.directory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

import org.archivist.core.format.PieceLayout;

/**
 * Finds where a blob starting at a piece boundary of a data file ends, without reading it whole: a blob
 * (a plain {@code WakuMessageArchive} or a hash-ratchet {@code ProtocolMessage}) is a run of top-level
 * protobuf fields, and its zero padding starts with a 0 byte, which no field tag can be. The walk stops
 * at the first 0 tag, at the end of the file, or at a malformed field. The exact piece length is also a
 * candidate end (status-go pads a blob of exactly one piece with nothing).
 */
final class BlobScanner {
    private static final int BUFFER = 64 * 1024;

    private final FileChannel channel;
    private final long fileLength;
    private final long maxBlob;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private long bufferStart = -1;
    /** The byte length of the varint read last. */
    private int lastVarintLength;

    BlobScanner(FileChannel channel, long fileLength, long maxBlob) {
        this.channel = channel;
        this.fileLength = fileLength;
        this.maxBlob = maxBlob;
    }

    /** Candidate blob lengths at {@code offset}, the most likely first; empty when no field parses. */
    List<Long> candidates(long offset) throws IOException {
        List<Long> found = new ArrayList<>();
        boolean onePieceBoundary = false;
        long pos = offset;
        while (pos < fileLength && pos - offset <= maxBlob) {
            if (pos - offset == PieceLayout.PIECE_LENGTH) {
                onePieceBoundary = true;
            }
            long tag = varint(pos);
            if (tag < 0) {
                break;
            }
            if (tag == 0) {
                break;
            }
            pos += lastVarintLength;
            long field = tag >>> 3;
            int wire = (int) (tag & 7);
            if (field == 0) {
                pos = -1;
                break;
            }
            switch (wire) {
                case 0 -> {
                    long v = varintAt(pos);
                    if (v == Long.MIN_VALUE) {
                        pos = -1;
                    } else {
                        pos += lastVarintLength;
                    }
                }
                case 1 -> pos += 8;
                case 5 -> pos += 4;
                case 2 -> {
                    long len = varint(pos);
                    if (len < 0) {
                        pos = -1;
                    } else {
                        pos += lastVarintLength + len;
                    }
                }
                default -> pos = -1;
            }
            if (pos < 0 || pos > fileLength) {
                pos = -1;
                break;
            }
        }
        if (pos > offset && pos - offset <= maxBlob) {
            found.add(pos - offset);
        }
        if (onePieceBoundary && !found.contains((long) PieceLayout.PIECE_LENGTH)) {
            found.add((long) PieceLayout.PIECE_LENGTH);
        }
        return found;
    }

    /** Whether every byte of {@code [from, to)} is zero. */
    boolean zeros(long from, long to) throws IOException {
        for (long p = from; p < to; p++) {
            if (byteAt(p) != 0) {
                return false;
            }
        }
        return true;
    }

    /** A varint at {@code pos} (as an unsigned value below 2^63), or -1 when malformed or past the end. */
    private long varint(long pos) throws IOException {
        long v = varintAt(pos);
        return v == Long.MIN_VALUE || v < 0 ? -1 : v;
    }

    private long varintAt(long pos) throws IOException {
        long result = 0;
        for (int i = 0; i < 10; i++) {
            if (pos + i >= fileLength) {
                return Long.MIN_VALUE;
            }
            int b = byteAt(pos + i);
            result |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                lastVarintLength = i + 1;
                return result;
            }
        }
        return Long.MIN_VALUE;
    }


    private int byteAt(long pos) throws IOException {
        if (bufferStart < 0 || pos < bufferStart || pos >= bufferStart + buffer.limit()) {
            buffer.clear();
            bufferStart = pos;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, bufferStart + buffer.position()) < 0) {
                    break;
                }
            }
            buffer.flip();
            if (!buffer.hasRemaining()) {
                throw new IOException("unexpected end of the data file at " + pos);
            }
        }
        return buffer.get((int) (pos - bufferStart)) & 0xff;
    }
}
