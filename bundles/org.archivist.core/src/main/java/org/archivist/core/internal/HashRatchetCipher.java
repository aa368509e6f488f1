package org.archivist.core.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

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
 * A hash-ratchet cipher over one known group key, as status-go encrypts archives: message {@code n} is
 * AES-256-GCM under {@code key_n = keccak256^n(key)} with a random 12-byte nonce appended to
 * ciphertext||tag; the header names the key by {@code key_id = keccak256(groupId || LE-uint64(keyTimestamp)
 * || key)} and {@code deprecated_key_id = uint32(keyTimestamp)}. For the offline tool and tests; a chat
 * server brings its own cipher with its real key store.
 */
public final class HashRatchetCipher implements ArchiveCipher {
    /** Ratchet steps beyond this are refused: deriving them would let a hostile header burn CPU. */
    public static final int MAX_SEQ_NO = 1_000_000;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final byte[] key;
    private final long keyTimestamp;
    private final String installationId;
    private final AtomicInteger seqNo;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param key            the 32-byte group key
     * @param keyTimestamp   the key's timestamp, part of its id
     * @param installationId the sender's installation id written into each envelope
     * @param lastSeqNo      the last ratchet step used; encryption continues after it
     */
    public HashRatchetCipher(byte[] key, long keyTimestamp, String installationId, int lastSeqNo) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a hash-ratchet key has 32 bytes, got " + key.length);
        }
        this.key = key.clone();
        this.keyTimestamp = keyTimestamp;
        this.installationId = installationId;
        this.seqNo = new AtomicInteger(lastSeqNo);
    }

    /** The id status-go gives this key for {@code community}. */
    public byte[] keyId(CommunityId community) {
        byte[] ts = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(keyTimestamp).array();
        return Keccak256.hash(community.bytes(), ts, key);
    }

    @Override
    public HashRatchetCiphertext encrypt(CommunityId community, byte[] plaintext) throws CipherException {
        int n = seqNo.incrementAndGet();
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(ratchet(n), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            sealed = aes.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new CipherException("AES-256-GCM encryption failed: " + e.getMessage(), e);
        }
        byte[] payload = Arrays.copyOf(sealed, sealed.length + NONCE);
        System.arraycopy(nonce, 0, payload, sealed.length, NONCE);
        return new HashRatchetCiphertext(installationId, community.bytes(), keyId(community), (int) keyTimestamp, n,
                payload);
    }

    @Override
    public byte[] decrypt(CommunityId community, HashRatchetCiphertext c) throws CipherException {
        if (!Arrays.equals(c.keyId(), keyId(community))) {
            throw new MissingKeyException("no hash-ratchet key with id 0x" + java.util.HexFormat.of().formatHex(c.keyId())
                    + " is known for " + community);
        }
        if (c.seqNo() < 0 || c.seqNo() > MAX_SEQ_NO) {
            throw new CipherException("hash-ratchet step " + Integer.toUnsignedString(c.seqNo()) + " is out of range");
        }
        byte[] payload = c.payload();
        if (payload.length < NONCE + TAG_BITS / 8) {
            throw new CipherException("encrypted payload of " + payload.length + " bytes is too short for AES-GCM");
        }
        byte[] nonce = Arrays.copyOfRange(payload, payload.length - NONCE, payload.length);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(ratchet(c.seqNo()), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            return aes.doFinal(payload, 0, payload.length - NONCE);
        } catch (GeneralSecurityException e) {
            throw new CipherException("AES-256-GCM decryption failed (wrong key or tampered data): " + e.getMessage(), e);
        }
    }

    private byte[] ratchet(int n) {
        byte[] k = key;
        for (int i = 0; i < n; i++) {
            k = Keccak256.hash(k);
        }
        return k;
    }
}
