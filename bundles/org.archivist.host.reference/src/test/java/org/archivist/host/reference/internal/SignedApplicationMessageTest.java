package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.archivist.api.InvalidArchiveException;
import org.archivist.proto.ApplicationMetadataMessage;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

class SignedApplicationMessageTest {

    @Test
    void keccakIsEthereumKeccakNotSha3() {
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                HexFormat.of().formatHex(Keccak.keccak256(new byte[0])));
    }

    @Test
    void knownKeyGivesKnownPublicKey() {
        byte[] one = new byte[32];
        one[31] = 1;
        // 1 * G on secp256k1
        assertEquals("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
                HexFormat.of().formatHex(Secp256k1.compressedPublicKey(one)));
    }

    @Test
    void signatureRecoversTheSignerWithLowSAndRecoveryId() throws Exception {
        for (int i = 0; i < 20; i++) {
            byte[] key = TestCommunities.newKey();
            byte[] hash = Keccak.keccak256(("payload " + i).getBytes(StandardCharsets.UTF_8));
            byte[] sig = Secp256k1.sign(hash, key);
            assertEquals(65, sig.length);
            assertEquals(true, sig[64] == 0 || sig[64] == 1);
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
            assertEquals(true, s.compareTo(Secp256k1.DOMAIN.getN().shiftRight(1)) <= 0, "s must be low");
            assertArrayEquals(Secp256k1.compressedPublicKey(key), Secp256k1.recoverCompressed(hash, sig));
            byte[] ethV = sig.clone();
            ethV[64] += 27;
            assertArrayEquals(Secp256k1.compressedPublicKey(key), Secp256k1.recoverCompressed(hash, ethV));
        }
    }

    @Test
    void envelopeVerifiesAndNamesTheCommunity() throws Exception {
        byte[] key = TestCommunities.newKey();
        byte[] payload = "magnet".getBytes(StandardCharsets.UTF_8);
        byte[] encoded = SignedApplicationMessage.sign(43, payload, key);
        ApplicationMetadataMessage parsed = ApplicationMetadataMessage.parseFrom(encoded);
        assertEquals(ApplicationMetadataMessage.Type.COMMUNITY_MESSAGE_ARCHIVE_MAGNETLINK, parsed.getType());
        assertArrayEquals(Secp256k1.sign(Keccak.keccak256(payload), key), parsed.getSignature().toByteArray());

        SignedApplicationMessage verified = SignedApplicationMessage.verify(encoded);
        assertEquals(TestCommunities.idOf(key), verified.signer());
        assertEquals(43, verified.type());
        assertArrayEquals(payload, verified.payload());
    }

    @Test
    void tamperedPayloadYieldsAnotherSignerOrIsRejected() throws Exception {
        byte[] key = TestCommunities.newKey();
        ApplicationMetadataMessage original = ApplicationMetadataMessage.parseFrom(
                SignedApplicationMessage.sign(76, "cid-1".getBytes(StandardCharsets.UTF_8), key));
        byte[] tampered = original.toBuilder().setPayload(ByteString.copyFromUtf8("cid-2")).build().toByteArray();
        try {
            SignedApplicationMessage m = SignedApplicationMessage.verify(tampered);
            assertNotEquals(TestCommunities.idOf(key), m.signer());
        } catch (InvalidArchiveException rejected) {
            // equally fine: no key at all matches
        }
    }

    @Test
    void malformedSignaturesAreRejected() {
        byte[] key = TestCommunities.newKey();
        ApplicationMetadataMessage original;
        try {
            original = ApplicationMetadataMessage.parseFrom(SignedApplicationMessage.sign(43, new byte[] {1}, key));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        byte[] shortSig = original.toBuilder().setSignature(ByteString.copyFrom(new byte[64])).build().toByteArray();
        assertThrows(InvalidArchiveException.class, () -> SignedApplicationMessage.verify(shortSig));
        byte[] zeroSig = original.toBuilder().setSignature(ByteString.copyFrom(new byte[65])).build().toByteArray();
        assertThrows(InvalidArchiveException.class, () -> SignedApplicationMessage.verify(zeroSig));
        assertThrows(InvalidArchiveException.class, () -> SignedApplicationMessage.verify(new byte[] {(byte) 0xff, 1}));
    }
}
