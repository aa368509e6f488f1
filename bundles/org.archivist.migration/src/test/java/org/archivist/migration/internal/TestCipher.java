package org.archivist.migration.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.HashRatchetCiphertext;

/**
 * A test cipher shaped like the hash ratchet's output (a random nonce per call, so the same plaintext never
 * gives the same ciphertext twice): keystream = SHA-256(key, nonce, counter). Not for real use.
 */
final class TestCipher implements ArchiveCipher {
    private static final byte[] KEY_ID = new byte[32];
    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    TestCipher(byte[] key) {
        this.key = key.clone();
    }

    @Override
    public HashRatchetCiphertext encrypt(CommunityId community, byte[] plaintext) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] out = Arrays.copyOf(xor(plaintext, nonce), plaintext.length + 12);
        System.arraycopy(nonce, 0, out, plaintext.length, 12);
        return new HashRatchetCiphertext("test", community.bytes(), KEY_ID, 0, 1, out);
    }

    @Override
    public byte[] decrypt(CommunityId community, HashRatchetCiphertext c) throws CipherException {
        byte[] p = c.payload();
        if (p.length < 12) {
            throw new CipherException("short ciphertext");
        }
        byte[] nonce = Arrays.copyOfRange(p, p.length - 12, p.length);
        return xor(Arrays.copyOf(p, p.length - 12), nonce);
    }

    private byte[] xor(byte[] in, byte[] nonce) {
        byte[] out = new byte[in.length];
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int block = 0; block * 32 < in.length; block++) {
                sha.update(key);
                sha.update(nonce);
                sha.update(ByteBuffer.allocate(4).putInt(block).array());
                byte[] ks = sha.digest();
                for (int i = 0; i < 32 && block * 32 + i < in.length; i++) {
                    out[block * 32 + i] = (byte) (in[block * 32 + i] ^ ks[i]);
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
