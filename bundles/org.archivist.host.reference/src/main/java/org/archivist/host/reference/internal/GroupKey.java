package org.archivist.host.reference.internal;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One hash-ratchet group key of a community: 32 bytes and the timestamp it was created at (status-go's
 * {@code HashRatchetKeyCompatibility}). Written in configuration as {@code <timestamp>:<64 hex digits>}.
 */
public record GroupKey(long timestamp, byte[] key) {
    public GroupKey {
        Objects.requireNonNull(key, "key");
        if (key.length != 32) {
            throw new IllegalArgumentException("a hash-ratchet group key has 32 bytes, got " + key.length);
        }
        if (timestamp < 0) {
            throw new IllegalArgumentException("negative key timestamp " + timestamp);
        }
    }

    /** Parses {@code <timestamp>:<64 hex digits>}. */
    public static GroupKey parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a group key is written <timestamp>:<64 hex digits>, got: " + text);
        }
        try {
            return new GroupKey(Long.parseLong(text.substring(0, colon).trim()),
                    HexFormat.of().parseHex(text.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a group key is written <timestamp>:<64 hex digits>, got: " + text, e);
        }
    }

    /** Status's key id: keccak256(groupId || little-endian uint64(timestamp) || key). */
    public byte[] keyId(byte[] groupId) {
        byte[] le = new byte[8];
        for (int i = 0; i < 8; i++) {
            le[i] = (byte) (timestamp >>> (8 * i));
        }
        return Keccak.keccak256(groupId, le, key);
    }

    /** The pre-key-id identifier: the timestamp truncated to 32 bits. */
    public int deprecatedKeyId() {
        return (int) timestamp;
    }

    @Override
    public String toString() {
        return timestamp + ":" + HexFormat.of().formatHex(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupKey g && g.timestamp == timestamp && java.util.Arrays.equals(g.key, key);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestamp) * 31 + java.util.Arrays.hashCode(key);
    }
}
