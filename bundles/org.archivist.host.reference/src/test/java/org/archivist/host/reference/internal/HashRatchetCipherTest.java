package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.archivist.api.CommunityId;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.api.host.MissingKeyException;
import org.archivist.api.host.StreamingEncryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashRatchetCipherTest {
    final byte[] ownerKey = TestCommunities.newKey();
    final CommunityId id = TestCommunities.idOf(ownerKey);
    final GroupKey groupKey = TestCommunities.groupKey(1_700_000_000_123L);

    @TempDir
    Path dir;

    HashRatchetCipher owner() {
        CommunityRegistry r = new CommunityRegistry();
        r.put(TestCommunities.owned(ownerKey, true, groupKey));
        return new HashRatchetCipher(r, "owner-installation", Optional.of(dir.resolve("owner.seq")));
    }

    HashRatchetCipher member(GroupKey... keys) {
        CommunityRegistry r = new CommunityRegistry();
        r.put(TestCommunities.joined(id, keys.length > 0, keys));
        return new HashRatchetCipher(r, "member", Optional.empty());
    }

    @Test
    void roundTripWithStatusHeaderAndLayout() throws Exception {
        byte[] plain = "an archive".getBytes(StandardCharsets.UTF_8);
        HashRatchetCiphertext c1 = owner().encrypt(id, plain);
        assertEquals("owner-installation", c1.installationId());
        assertArrayEquals(id.bytes(), c1.groupId());
        byte[] le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(groupKey.timestamp()).array();
        assertArrayEquals(Keccak.keccak256(id.bytes(), le, groupKey.key()), c1.keyId());
        assertEquals((int) 1_700_000_000_123L, c1.deprecatedKeyId());
        assertEquals(1, c1.seqNo());
        assertEquals(plain.length + 16 + 12, c1.payload().length);

        // independent check of the layout: AES-256-GCM under keccak256(key), nonce appended
        byte[] p = c1.payload();
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Keccak.keccak256(groupKey.key()), "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(p, p.length - 12, p.length)));
        assertArrayEquals(plain, gcm.doFinal(p, 0, p.length - 12));

        assertArrayEquals(plain, member(groupKey).decrypt(id, c1));
    }

    @Test
    void aStreamedPayloadHasTheWholeArraysLayoutAndTakesTheNextStep() throws Exception {
        byte[] plain = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(5).nextBytes(plain);
        HashRatchetCipher cipher = owner();
        assertEquals(1, cipher.encrypt(id, new byte[] {1}).seqNo());
        StreamingEncryption stream = cipher.encryptStreaming(id).orElseThrow();
        HashRatchetCiphertext header = stream.header();
        assertEquals(2, header.seqNo());
        assertEquals("owner-installation", header.installationId());
        assertEquals(0, header.payload().length);
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream out = stream.encryptInto(payload)) {
            for (int off = 0; off < plain.length; off += 65_537) { // uneven writes, as an encoder makes them
                out.write(plain, off, Math.min(65_537, plain.length - off));
            }
        }
        assertEquals(stream.payloadLength(plain.length), payload.size());
        HashRatchetCiphertext sealed = new HashRatchetCiphertext(header.installationId(), header.groupId(),
                header.keyId(), header.deprecatedKeyId(), header.seqNo(), payload.toByteArray());
        assertArrayEquals(plain, member(groupKey).decrypt(id, sealed));
        assertEquals(3, cipher.encrypt(id, new byte[] {3}).seqNo());
        assertThrows(IllegalStateException.class, () -> stream.encryptInto(new java.io.ByteArrayOutputStream()));
    }

    @Test
    void everyCallTakesTheNextStepAndStepsSurviveRestart() throws Exception {
        HashRatchetCipher cipher = owner();
        assertEquals(1, cipher.encrypt(id, new byte[] {1}).seqNo());
        HashRatchetCiphertext second = cipher.encrypt(id, new byte[] {2});
        assertEquals(2, second.seqNo());
        HashRatchetCiphertext third = owner().encrypt(id, new byte[] {3});
        assertEquals(3, third.seqNo());
        assertArrayEquals(new byte[] {3}, member(groupKey).decrypt(id, third));
        assertArrayEquals(HashRatchetCipher.ratchet(Keccak.keccak256(groupKey.key()), 2),
                HashRatchetCipher.ratchet(groupKey.key(), 3));
    }

    @Test
    void missingKeyIsAMissingKeyException() throws Exception {
        HashRatchetCiphertext c = owner().encrypt(id, new byte[] {1, 2, 3});
        assertThrows(MissingKeyException.class, () -> member().decrypt(id, c));
        assertThrows(MissingKeyException.class, () -> member(TestCommunities.groupKey(5)).decrypt(id, c));
        CommunityId other = TestCommunities.idOf(TestCommunities.newKey());
        assertThrows(MissingKeyException.class, () -> member(groupKey).decrypt(other, c));
    }

    @Test
    void wrongKeyOrTamperingFailsAuthentication() throws Exception {
        HashRatchetCiphertext c = owner().encrypt(id, new byte[] {1, 2, 3});
        GroupKey sameIdOtherBytes = new GroupKey(groupKey.timestamp(), new byte[32]);
        HashRatchetCiphertext withOldStyleId = new HashRatchetCiphertext(c.installationId(), c.groupId(), new byte[0],
                c.deprecatedKeyId(), c.seqNo(), c.payload());
        CipherException wrong = assertThrows(CipherException.class,
                () -> member(sameIdOtherBytes).decrypt(id, withOldStyleId));
        assertFalse(wrong instanceof MissingKeyException);

        byte[] tampered = c.payload().clone();
        tampered[0] ^= 1;
        HashRatchetCiphertext bad = new HashRatchetCiphertext(c.installationId(), c.groupId(), c.keyId(),
                c.deprecatedKeyId(), c.seqNo(), tampered);
        assertThrows(CipherException.class, () -> member(groupKey).decrypt(id, bad));
        HashRatchetCiphertext wrongStep = new HashRatchetCiphertext(c.installationId(), c.groupId(), c.keyId(),
                c.deprecatedKeyId(), c.seqNo() + 1, c.payload());
        assertThrows(CipherException.class, () -> member(groupKey).decrypt(id, wrongStep));
    }

    @Test
    void newestKeyEncryptsOlderStillDecrypt() throws Exception {
        GroupKey newer = TestCommunities.groupKey(groupKey.timestamp() + 1000);
        CommunityRegistry r = new CommunityRegistry();
        r.put(TestCommunities.owned(ownerKey, true, newer, groupKey));
        HashRatchetCiphertext c = new HashRatchetCipher(r, "i", Optional.empty()).encrypt(id, new byte[] {9});
        assertEquals(newer.deprecatedKeyId(), c.deprecatedKeyId());
        assertArrayEquals(new byte[] {9}, member(groupKey, newer).decrypt(id, c));
    }

    @Test
    void oneKeyCipherServesEveryCommunityAndMatchesTheRegistryCipher() throws Exception {
        HashRatchetCipher single = HashRatchetCipher.withKey(groupKey, "tool");
        byte[] plain = "one key".getBytes(StandardCharsets.UTF_8);
        HashRatchetCiphertext c = single.encrypt(id, plain);
        assertEquals("tool", c.installationId());
        assertArrayEquals(groupKey.keyId(id.bytes()), c.keyId());
        assertEquals(1, c.seqNo());
        assertEquals(2, single.encrypt(id, plain).seqNo());
        assertArrayEquals(plain, member(groupKey).decrypt(id, c));
        assertArrayEquals(plain, single.decrypt(id, owner().encrypt(id, plain)));
        CommunityId other = TestCommunities.idOf(TestCommunities.newKey());
        assertArrayEquals(plain, single.decrypt(other, single.encrypt(other, plain)));
        assertThrows(MissingKeyException.class, () -> HashRatchetCipher.withKey(
                TestCommunities.groupKey(1), "x").decrypt(id, c));
    }

    @Test
    void ratchetStepsBeyondTheLimitAreRefusedWithoutDerivingThem() throws Exception {
        HashRatchetCipher single = HashRatchetCipher.withKey(groupKey, "tool");
        HashRatchetCiphertext c = single.encrypt(id, new byte[] {1});
        for (int seqNo : new int[] {-1, HashRatchetCipher.MAX_SEQ_NO + 1, Integer.MAX_VALUE}) {
            HashRatchetCiphertext hostile = new HashRatchetCiphertext(c.installationId(), c.groupId(), c.keyId(),
                    c.deprecatedKeyId(), seqNo, c.payload());
            var e = assertThrows(CipherException.class, () -> single.decrypt(id, hostile));
            assertFalse(e instanceof MissingKeyException, e.getMessage());
        }
    }
}
