package org.archivist.host.reference.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether bytes are a well-formed protobuf message under the rules of protobuf-go's {@code protowire}, which
 * status-go's {@code proto.Unmarshal} applies: every tag a varint of at most 10 bytes with a field number from 1
 * to 2^31-1, wire types 0 (varint), 1 (8 bytes), 2 (length-delimited, within the bytes), 3/4 (a group closed by
 * an end group of the same number) and 5 (4 bytes); types 6 and 7 are errors. A message whose known fields
 * take no further checks (as {@code WakuMessageArchiveMetadata}: varints and bytes) parses exactly when its
 * bytes are well-formed: a known field of another wire type is kept as an unknown field.
 */
final class ProtobufWire {
    private final byte[] b;
    private int pos;

    private ProtobufWire(byte[] b) {
        this.b = b;
    }

    static boolean wellFormed(byte[] bytes) {
        return new ProtobufWire(bytes).walk();
    }

    private boolean walk() {
        Deque<Long> groups = new ArrayDeque<>();
        while (pos < b.length) {
            long tag = varint();
            if (pos < 0) {
                return false;
            }
            long number = tag >>> 3;
            if (number < 1 || number > Integer.MAX_VALUE) {
                return false;
            }
            switch ((int) (tag & 7)) {
                case 0 -> varint();
                case 1 -> skip(8);
                case 2 -> {
                    long length = varint();
                    if (pos < 0 || length < 0 || length > b.length - pos) {
                        return false;
                    }
                    skip((int) length);
                }
                case 3 -> groups.push(number);
                case 4 -> {
                    if (groups.isEmpty() || groups.pop() != number) {
                        return false;
                    }
                }
                case 5 -> skip(4);
                default -> {
                    return false;
                }
            }
            if (pos < 0) {
                return false;
            }
        }
        return groups.isEmpty();
    }

    private void skip(int n) {
        pos = n > b.length - pos ? -1 : pos + n;
    }

    /** Reads a varint (the value as unsigned 64 bits); {@code pos} becomes -1 when it is truncated or overlong. */
    private long varint() {
        long value = 0;
        for (int i = 0; i < 10; i++) {
            if (pos >= b.length) {
                pos = -1;
                return 0;
            }
            int v = b[pos++] & 0xff;
            if (i == 9 && v > 1) {
                pos = -1;
                return 0;
            }
            value |= (long) (v & 0x7f) << (7 * i);
            if (v < 0x80) {
                return value;
            }
        }
        pos = -1;
        return 0;
    }
}
