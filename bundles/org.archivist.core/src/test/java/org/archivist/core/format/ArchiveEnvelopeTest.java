package org.archivist.core.format;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.HOUR;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.TOPIC;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.message;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.MissingKeyException;
import org.archivist.core.testing.TestCipher;
import org.archivist.proto.EncryptedMessageProtocol;
import org.archivist.proto.ProtocolMessage;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

class ArchiveEnvelopeTest {
    private static final byte[] KEY = new byte[32];
    static {
        KEY[0] = 7;
    }

    private final TestCipher cipher = new TestCipher(1_700_000_000L, KEY, "installation-1");

    @Test
    void sealedArchiveHasTheStatusEnvelopeAndRoundTrips() throws Exception {
        byte[] blob = ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK), List.of(message(JAN_1_2020 + HOUR, TOPIC, 1)));
        byte[] sealed = ArchiveEnvelope.seal(COMMUNITY, blob, cipher);

        ProtocolMessage pm = ProtocolMessage.parseFrom(sealed);
        assertEquals("installation-1", pm.getInstallationId());
        EncryptedMessageProtocol none = pm.getEncryptedMessageOrThrow("none");
        assertArrayEquals(COMMUNITY.bytes(), none.getHRHeader().getGroupId().toByteArray());
        assertArrayEquals(cipher.keyId(COMMUNITY.bytes()), none.getHRHeader().getKeyId().toByteArray());
        assertEquals((int) 1_700_000_000L, none.getHRHeader().getDeprecatedKeyId());
        assertEquals(1, none.getHRHeader().getSeqNo());
        assertEquals(blob.length + 16 + 12, none.getPayload().size());

        assertTrue(ArchiveEnvelope.isSealed(sealed));
        assertFalse(ArchiveEnvelope.isSealed(blob));
        assertArrayEquals(blob, ArchiveEnvelope.unseal(COMMUNITY, sealed, Optional.of(cipher)));
        assertEquals(2, ArchiveEnvelope.open(ArchiveEnvelope.seal(COMMUNITY, blob, cipher)).orElseThrow().seqNo());
    }

    @Test
    void plainBytesPassThrough() throws Exception {
        byte[] index = IndexCodec.encode(org.archivist.core.format.IndexCodec.Shape.PIECE_RANGES, List.of(ArchiveIds.entry(metadata(JAN_1_2020, JAN_1_2020 + WEEK),
                new PieceRange(0, 102400, 1))));
        assertSame(index, ArchiveEnvelope.unseal(COMMUNITY, index, Optional.empty()));
        byte[] garbage = {(byte) 0xff, (byte) 0xff};
        assertSame(garbage, ArchiveEnvelope.unseal(COMMUNITY, garbage, Optional.of(cipher)));
    }

    @Test
    void sealedWithoutACipherAsksForTheKey() throws Exception {
        byte[] sealed = ArchiveEnvelope.seal(COMMUNITY, new byte[] {1, 2, 3}, cipher);
        var e = assertThrows(MissingKeyException.class, () -> ArchiveEnvelope.unseal(COMMUNITY, sealed, Optional.empty()));
        assertTrue(e.getMessage().contains("no cipher"), e.getMessage());
        TestCipher otherKey = new TestCipher(1, new byte[32], "x");
        assertThrows(MissingKeyException.class, () -> ArchiveEnvelope.unseal(COMMUNITY, sealed, Optional.of(otherKey)));
    }

    @Test
    void tamperedCiphertextFailsAuthentication() throws Exception {
        byte[] sealed = ArchiveEnvelope.seal(COMMUNITY, new byte[] {1, 2, 3}, cipher);
        sealed[sealed.length - 20] ^= 1;
        assertThrows(CipherException.class, () -> ArchiveEnvelope.unseal(COMMUNITY, sealed, Optional.of(cipher)));
    }

    @Test
    void envelopeForDevicesIsNotTakenForAnArchiveEnvelope() {
        byte[] pm = ProtocolMessage.newBuilder().setInstallationId("i")
                .putEncryptedMessage("device-1", EncryptedMessageProtocol.newBuilder()
                        .setPayload(ByteString.copyFromUtf8("x")).build())
                .build().toByteArray();
        var e = assertThrows(MalformedEncodingException.class,
                () -> ArchiveEnvelope.unseal(COMMUNITY, pm, Optional.of(cipher)));
        assertTrue(e.getMessage().contains("no hash-ratchet message under \"none\""), e.getMessage());
    }
}
