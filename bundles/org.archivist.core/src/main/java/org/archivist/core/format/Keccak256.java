package org.archivist.core.format;

import java.util.HexFormat;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Ethereum's Keccak-256 (the original Keccak padding, not NIST SHA3-256), as status-go hashes. */
public final class Keccak256 {
    private Keccak256() {
    }

    public static byte[] hash(byte[]... parts) {
        KeccakDigest digest = new KeccakDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** {@code "0x"} + 64 lowercase hex digits, as go-ethereum's {@code Hash.String()}. */
    public static String hex(byte[] data) {
        return "0x" + HexFormat.of().formatHex(hash(data));
    }
}
