package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.archivist.api.CommunityId;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.api.host.MissingKeyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming GCM decryption against the JDK's AES/GCM: same plaintext, same verdict on tampered input. */
class GcmStreamingDecryptionTest {
    private final Random random = new Random(11);

    @TempDir
    Path dir;

    @Test
    void decryptsWhatTheJdkEncryptsAtEveryLengthAroundBlockAndChunkBounds() throws Exception {
        int[] lengths = {0, 1, 15, 16, 17, 31, 32, 33, 100, 255, 4096, 65_535, 65_536, 65_537, 200_003, 1 << 20};
        for (int length : lengths) {
            byte[] key = bytes(32);
            byte[] plain = bytes(length);
            byte[] payload = payload(key, bytes(12), plain);
            assertArrayEquals(plain, streamed(key, payload), "plaintext of " + length + " bytes");
        }
    }

    @Test
    void decryptsRandomInputs() throws Exception {
        for (int i = 0; i < 200; i++) {
            byte[] key = bytes(32);
            byte[] plain = bytes(random.nextInt(3000));
            byte[] payload = payload(key, bytes(12), plain);
            assertArrayEquals(plain, streamed(key, payload), "random input " + i);
        }
    }

    @Test
    void rejectsEveryTamperingTheJdkRejects() throws Exception {
        for (int i = 0; i < 300; i++) {
            byte[] key = bytes(32);
            byte[] plain = bytes(random.nextInt(500));
            byte[] payload = payload(key, bytes(12), plain);
            byte[] tampered = payload.clone();
            int at = random.nextInt(tampered.length);
            tampered[at] ^= (byte) (1 << random.nextInt(8));
            assertThrows(AEADBadTagException.class, () -> jdkDecrypt(key, tampered), "JDK, byte " + at);
            CipherException e = assertThrows(CipherException.class, () -> streamed(key, tampered), "byte " + at);
            assertTrue(e.getMessage().contains("does not authenticate"), e.getMessage());
        }
    }

    @Test
    void rejectsAWrongKeyATruncatedAndAnExtendedPayload() throws Exception {
        byte[] key = bytes(32);
        byte[] payload = payload(key, bytes(12), bytes(1000));
        assertThrows(CipherException.class, () -> streamed(bytes(32), payload));
        for (int cut : new int[] {1, 16, 28, 500, payload.length - 28, payload.length - 1}) {
            assertThrows(CipherException.class, () -> streamed(key, Arrays.copyOf(payload, payload.length - cut)),
                    "cut by " + cut);
        }
        assertThrows(CipherException.class, () -> streamed(key, Arrays.copyOf(payload, payload.length + 1)));
        CipherException tooShort = assertThrows(CipherException.class, () -> streamed(key, new byte[27]));
        assertTrue(tooShort.getMessage().contains("too short"), tooShort.getMessage());
    }

    @Test
    void theHashRatchetCipherStreamsWhatItDecryptsWhole() throws Exception {
        byte[] ownerKey = TestCommunities.newKey();
        CommunityId id = TestCommunities.idOf(ownerKey);
        GroupKey groupKey = TestCommunities.groupKey(1_700_000_000_123L);
        CommunityRegistry owner = new CommunityRegistry();
        owner.put(TestCommunities.owned(ownerKey, true, groupKey));
        HashRatchetCipher cipher = new HashRatchetCipher(owner, "owner-installation", Optional.empty());
        byte[] plain = "an archive, streamed".repeat(5000).getBytes(StandardCharsets.UTF_8);
        HashRatchetCiphertext c = cipher.encrypt(id, plain);
        for (int i = 0; i < 4; i++) {
            c = cipher.encrypt(id, plain); // a later ratchet step
        }
        HashRatchetCiphertext header = new HashRatchetCiphertext(c.installationId(), c.groupId(), c.keyId(),
                c.deprecatedKeyId(), c.seqNo(), new byte[0]);
        Path file = write(c.payload(), 7);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                InputStream in = cipher.decryptStreaming(id, header, ch, 7, c.payload().length).orElseThrow()) {
            assertArrayEquals(cipher.decrypt(id, c), in.readAllBytes());
        }
        CommunityRegistry stranger = new CommunityRegistry();
        stranger.put(TestCommunities.joined(id, true, TestCommunities.groupKey(5)));
        HashRatchetCipher other = new HashRatchetCipher(stranger, "member", Optional.empty());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThrows(MissingKeyException.class,
                    () -> other.decryptStreaming(id, header, ch, 7, header.payload().length + 100));
        }
    }

    private byte[] streamed(byte[] key, byte[] payload) throws Exception {
        int before = random.nextInt(40);
        Path file = write(payload, before);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                InputStream in = GcmStreamingDecryption.open(key, ch, before, payload.length)) {
            byte[] out = new byte[Math.max(1, random.nextInt(70_000))];
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (int n; (n = in.read(out, 0, out.length)) >= 0; ) {
                all.write(out, 0, n);
            }
            return all.toByteArray();
        }
    }

    /** The payload at {@code before} in a file with random bytes around it. */
    private Path write(byte[] payload, int before) throws Exception {
        Path file = Files.createTempFile(dir, "payload", "");
        byte[] all = new byte[before + payload.length + 13];
        random.nextBytes(all);
        System.arraycopy(payload, 0, all, before, payload.length);
        Files.write(file, all);
        return file;
    }

    private static byte[] payload(byte[] key, byte[] nonce, byte[] plain) throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] sealed = gcm.doFinal(plain);
        byte[] payload = Arrays.copyOf(sealed, sealed.length + 12);
        System.arraycopy(nonce, 0, payload, sealed.length, 12);
        assertEquals(plain.length + 28, payload.length);
        return payload;
    }

    private static byte[] jdkDecrypt(byte[] key, byte[] payload) throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(payload, payload.length - 12, payload.length)));
        return gcm.doFinal(payload, 0, payload.length - 12);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
