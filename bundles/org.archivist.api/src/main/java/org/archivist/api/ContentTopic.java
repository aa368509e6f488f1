package org.archivist.api;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** A 4-byte Waku content topic, written as 8 lowercase hex digits (no {@code 0x}). */
public record ContentTopic(String hex) implements Comparable<ContentTopic> {
    public static final int LENGTH = 4;
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{8}");

    public ContentTopic {
        if (hex == null) {
            throw new IllegalArgumentException("content topic is missing");
        }
        hex = hex.toLowerCase(java.util.Locale.ROOT);
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        if (!FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a 4-byte content topic (expected 8 hex digits): " + hex);
        }
    }

    public static ContentTopic of(String hex) {
        return new ContentTopic(hex);
    }

    public static ContentTopic of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a content topic has 4 bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return new ContentTopic(HexFormat.of().formatHex(bytes));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public int compareTo(ContentTopic other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
