package org.archivist.api;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A community: {@code "0x"} followed by the 66 lowercase hex digits of its 33-byte compressed
 * secp256k1 public key, exactly as status-go prints it (it is also the torrent's name).
 */
public record CommunityId(String hex) implements Comparable<CommunityId> {
    private static final Pattern FORM = Pattern.compile("0x(02|03)[0-9a-f]{64}");

    public CommunityId {
        if (hex == null) {
            throw new IllegalArgumentException("community id is missing");
        }
        hex = hex.toLowerCase(java.util.Locale.ROOT);
        if (!FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException(
                    "not a community id (expected 0x + 66 hex digits of a compressed public key): " + hex);
        }
    }

    public static CommunityId of(String hex) {
        return new CommunityId(hex);
    }

    public static CommunityId of(byte[] compressedPublicKey) {
        return new CommunityId("0x" + HexFormat.of().formatHex(compressedPublicKey));
    }

    /** The 33-byte compressed public key. */
    public byte[] bytes() {
        return HexFormat.of().parseHex(hex.substring(2));
    }

    @Override
    public int compareTo(CommunityId other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
