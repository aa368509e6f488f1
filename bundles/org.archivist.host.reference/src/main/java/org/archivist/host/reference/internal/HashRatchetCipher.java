package org.archivist.host.reference.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.api.host.MissingKeyException;
import org.archivist.api.host.StreamingEncryption;

/**
 * Status's community hash ratchet (spec section 4): each call encrypts with {@code key_n = keccak256^n(key)}
 * of the community's newest group key at the next step {@code n} (starting at 1, persisted when a state
 * file is given), AES-256-GCM with a random 12-byte nonce appended after ciphertext and tag. Decryption
 * finds the key by {@code key_id} (or the older {@code deprecated_key_id}) and ratchets to the header's
 * {@code seq_no}.
 */
public class HashRatchetCipher implements ArchiveCipher {
    /** Ratchet steps beyond this are refused: deriving them would let a hostile header burn CPU. */
    public static final int MAX_SEQ_NO = 1_000_000;
    static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final Function<CommunityId, List<GroupKey>> keys;
    private final String installationId;
    private final Optional<Path> seqFile;
    private final SecureRandom random = new SecureRandom();
    private final Properties seqNumbers = new Properties();

    /**
     * @param seqFile where the last ratchet step of each community survives restarts; empty keeps it in memory
     */
    public HashRatchetCipher(CommunityRegistry keys, String installationId, Optional<Path> seqFile) {
        this(keys::groupKeys, installationId, seqFile);
    }

    private HashRatchetCipher(Function<CommunityId, List<GroupKey>> keys, String installationId,
            Optional<Path> seqFile) {
        this.keys = keys;
        this.installationId = InstallationIds.requireReadAsEncrypted(installationId);
        this.seqFile = seqFile;
        seqFile.filter(Files::exists).ifPresent(f -> {
            try (var in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                seqNumbers.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the hash-ratchet steps in " + f, e);
            }
        });
    }

    /**
     * A cipher that knows one group key for every community, keeping its ratchet steps in memory (the offline
     * tool's {@code --encrypt-key}, tests).
     */
    public static HashRatchetCipher withKey(GroupKey key, String installationId) {
        List<GroupKey> only = List.of(key);
        return new HashRatchetCipher(community -> only, installationId, Optional.empty());
    }

    @Override
    public HashRatchetCiphertext encrypt(CommunityId community, byte[] plaintext) throws CipherException {
        GroupKey current = currentKey(community);
        byte[] groupId = community.bytes();
        int seqNo = nextSeqNo(community, current);
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, ratchet(current.key(), seqNo), nonce, plaintext, 0, plaintext.length);
        byte[] payload = Arrays.copyOf(sealed, sealed.length + NONCE_LENGTH);
        System.arraycopy(nonce, 0, payload, sealed.length, NONCE_LENGTH);
        return new HashRatchetCiphertext(installationId, groupId, current.keyId(groupId), current.deprecatedKeyId(),
                seqNo, payload);
    }

    /** The same encryption as {@link #encrypt}, as a stream: the payload has the same layout. */
    @Override
    public Optional<StreamingEncryption> encryptStreaming(CommunityId community) throws CipherException {
        GroupKey current = currentKey(community);
        byte[] groupId = community.bytes();
        int seqNo = nextSeqNo(community, current);
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        Cipher gcm;
        try {
            gcm = gcmCipher(Cipher.ENCRYPT_MODE, ratchet(current.key(), seqNo), nonce);
        } catch (GeneralSecurityException e) {
            throw new CipherException("AES-256-GCM failed: " + e.getMessage(), e);
        }
        return Optional.of(new GcmStreamingEncryption(new HashRatchetCiphertext(installationId, groupId,
                current.keyId(groupId), current.deprecatedKeyId(), seqNo, new byte[0]), gcm, nonce));
    }

    private GroupKey currentKey(CommunityId community) throws MissingKeyException {
        List<GroupKey> known = keys.apply(community);
        if (known.isEmpty()) {
            throw new MissingKeyException("no hash-ratchet group key for community " + community);
        }
        return known.get(known.size() - 1);
    }

    @Override
    public byte[] decrypt(CommunityId community, HashRatchetCiphertext ciphertext) throws CipherException {
        byte[] key = stepKey(community, ciphertext);
        byte[] payload = ciphertext.payload();
        if (payload.length < NONCE_LENGTH + TAG_BITS / 8) {
            throw new CipherException("hash-ratchet payload too short: " + payload.length + " bytes");
        }
        byte[] nonce = Arrays.copyOfRange(payload, payload.length - NONCE_LENGTH, payload.length);
        return gcm(Cipher.DECRYPT_MODE, key, nonce, payload, 0, payload.length - NONCE_LENGTH);
    }

    /**
     * {@link #decrypt} as a stream: the same checks of group, key and step, then the payload in the file is
     * authenticated in a first pass and decrypted in a second ({@link GcmStreamingDecryption}).
     */
    @Override
    public Optional<InputStream> decryptStreaming(CommunityId community, HashRatchetCiphertext header,
            FileChannel file, long offset, long length) throws CipherException {
        return Optional.of(GcmStreamingDecryption.open(stepKey(community, header), file, offset, length));
    }

    /** The key of the header's ratchet step, after checking its group, key and step. */
    private byte[] stepKey(CommunityId community, HashRatchetCiphertext ciphertext) throws CipherException {
        if (!Arrays.equals(ciphertext.groupId(), community.bytes())) {
            throw new MissingKeyException("hash-ratchet group " + HexFormat.of().formatHex(ciphertext.groupId())
                    + " is not community " + community);
        }
        GroupKey key = findKey(community, ciphertext);
        if (ciphertext.seqNo() < 0 || ciphertext.seqNo() > MAX_SEQ_NO) {
            throw new CipherException("hash-ratchet step " + Integer.toUnsignedString(ciphertext.seqNo())
                    + " is out of range (at most " + MAX_SEQ_NO + ")");
        }
        return ratchet(key.key(), Integer.toUnsignedLong(ciphertext.seqNo()));
    }

    private GroupKey findKey(CommunityId community, HashRatchetCiphertext ciphertext) throws MissingKeyException {
        byte[] groupId = community.bytes();
        List<GroupKey> known = keys.apply(community);
        if (ciphertext.keyId().length > 0) {
            for (GroupKey k : known) {
                if (Arrays.equals(k.keyId(groupId), ciphertext.keyId())) {
                    return k;
                }
            }
        } else {
            for (GroupKey k : known) {
                if (k.deprecatedKeyId() == ciphertext.deprecatedKeyId()) {
                    return k;
                }
            }
        }
        throw new MissingKeyException("hash-ratchet key " + HexFormat.of().formatHex(ciphertext.keyId())
                + " (deprecated id " + Integer.toUnsignedString(ciphertext.deprecatedKeyId()) + ") of community "
                + community + " is not known here");
    }

    /** keccak256 applied {@code n} times. */
    static byte[] ratchet(byte[] key, long n) {
        byte[] k = key;
        for (long i = 0; i < n; i++) {
            k = Keccak.keccak256(k);
        }
        return k;
    }

    private synchronized int nextSeqNo(CommunityId community, GroupKey key) throws CipherException {
        String name = community.hex() + "." + HexFormat.of().formatHex(key.keyId(community.bytes()));
        int next = Integer.parseInt(seqNumbers.getProperty(name, "0")) + 1;
        seqNumbers.setProperty(name, Integer.toString(next));
        if (seqFile.isPresent()) {
            try {
                var out = new java.io.StringWriter();
                seqNumbers.store(out, "last hash-ratchet step per community and key");
                AtomicFiles.write(seqFile.get(), out.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CipherException("cannot persist the hash-ratchet step to " + seqFile.get() + ": "
                        + e.getMessage(), e);
            }
        }
        return next;
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] input, int offset, int length)
            throws CipherException {
        try {
            return gcmCipher(mode, key, nonce).doFinal(input, offset, length);
        } catch (AEADBadTagException e) {
            throw new CipherException("hash-ratchet payload does not authenticate (wrong key or tampered)", e);
        } catch (GeneralSecurityException e) {
            throw new CipherException("AES-256-GCM failed: " + e.getMessage(), e);
        }
    }

    private static Cipher gcmCipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }
}
