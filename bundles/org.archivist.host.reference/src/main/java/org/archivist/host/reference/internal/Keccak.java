package org.archivist.host.reference.internal;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Ethereum Keccak-256 (not SHA3-256), as Status uses it for signatures, key ids and the hash ratchet. */
public final class Keccak {
    private Keccak() {
    }

    public static byte[] keccak256(byte[]... parts) {
        KeccakDigest digest = new KeccakDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
