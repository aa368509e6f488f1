package org.archivist.storage.codex.cid;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 varints, as multiformats and protobuf write them. */
final class Varint {
    private Varint() {
    }

    static void write(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Reads a varint at {@code pos[0]}, advancing it; fails on truncation or more than 9 bytes. */
    static long read(byte[] in, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            if (pos[0] >= in.length) {
                throw new InvalidCidException("truncated varint");
            }
            int b = in[pos[0]++] & 0xFF;
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new InvalidCidException("varint too long");
    }
}
