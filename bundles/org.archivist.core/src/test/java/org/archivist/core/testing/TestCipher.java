package org.archivist.core.testing;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.api.host.MissingKeyException;
import org.archivist.core.format.Keccak256;

/**
 * The core's own test cipher, so that the core's tests need no host: one hash-ratchet group key for every
 * community, Status's key id ({@code keccak256(groupId || le64(timestamp) || key)}), the key ratcheted by
 * keccak256 once per step, AES-256-GCM with the 12-byte nonce after ciphertext and tag.
 */
public final class TestCipher implements ArchiveCipher {
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final long timestamp;
    private final byte[] key;
    private final String installationId;
    private final AtomicInteger seqNo = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    public TestCipher(long timestamp, byte[] key, String installationId) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a group key has 32 bytes");
        }
        this.timestamp = timestamp;
        this.key = key.clone();
        this.installationId = installationId;
    }

    /** Status's key id of this cipher's key in the group. */
    public byte[] keyId(byte[] groupId) {
        byte[] le = new byte[8];
        for (int i = 0; i < 8; i++) {
            le[i] = (byte) (timestamp >>> (8 * i));
        }
        return Keccak256.hash(groupId, le, key);
    }

    @Override
    public HashRatchetCiphertext encrypt(CommunityId community, byte[] plaintext) throws CipherException {
        int step = seqNo.incrementAndGet();
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, ratchet(step), nonce, plaintext, plaintext.length);
        byte[] payload = Arrays.copyOf(sealed, sealed.length + NONCE_LENGTH);
        System.arraycopy(nonce, 0, payload, sealed.length, NONCE_LENGTH);
        byte[] groupId = community.bytes();
        return new HashRatchetCiphertext(installationId, groupId, keyId(groupId), (int) timestamp, step, payload);
    }

    @Override
    public byte[] decrypt(CommunityId community, HashRatchetCiphertext c) throws CipherException {
        if (!Arrays.equals(c.groupId(), community.bytes()) || !Arrays.equals(c.keyId(), keyId(c.groupId()))) {
            throw new MissingKeyException("key " + Keccak256.hex(c.keyId()) + " of " + community + " is not known");
        }
        if (c.seqNo() < 0 || c.seqNo() > 1_000_000) {
            throw new CipherException("ratchet step out of range: " + c.seqNo());
        }
        byte[] p = c.payload();
        if (p.length < NONCE_LENGTH + TAG_BITS / 8) {
            throw new CipherException("payload too short: " + p.length + " bytes");
        }
        return gcm(Cipher.DECRYPT_MODE, ratchet(c.seqNo()), Arrays.copyOfRange(p, p.length - NONCE_LENGTH, p.length),
                p, p.length - NONCE_LENGTH);
    }

    private byte[] ratchet(long steps) {
        byte[] k = key;
        for (long i = 0; i < steps; i++) {
            k = Keccak256.hash(k);
        }
        return k;
    }

    private static byte[] gcm(int mode, byte[] k, byte[] nonce, byte[] input, int length) throws CipherException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input, 0, length);
        } catch (AEADBadTagException e) {
            throw new CipherException("payload does not authenticate (wrong key or tampered)", e);
        } catch (GeneralSecurityException e) {
            throw new CipherException("AES-256-GCM failed: " + e.getMessage(), e);
        }
    }
}
