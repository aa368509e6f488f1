package org.archivist.core.format;

import static org.archivist.core.testing.Fixtures.DAY;
import static org.archivist.core.testing.Fixtures.HOUR;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.TOPIC;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.message;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.InvalidArchiveException;
import org.junit.jupiter.api.Test;

class ArchiveCodecTest {
    private static final List<ArchivedMessage> TWO = List.of(message(JAN_1_2020 + HOUR, TOPIC, 1),
            message(JAN_1_2020 + 2 * HOUR, TOPIC, 2));

    @Test
    void encodesLikeGoProtoMarshal() {
        byte[] blob = ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK), TWO.subList(0, 1));
        // metadata (field 2), then one WakuMessage (field 3): sig, timestamp, topic, payload, padding, hash
        String md = "12181080c2aff0051880b7d4f0052204010203042204aabbccdd";
        String msg = "1a18" + "0a0101" + "1090deaff005" + "1a0401020304"
                + "220101" + "2a0101" + "320101";
        assertEquals(md + msg, HexFormat.of().formatHex(blob));
    }

    @Test
    void streamsTheSameBytesAsEncodeWithTheLengthsAnnounced() throws Exception {
        var md = metadata(JAN_1_2020, JAN_1_2020 + WEEK);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ArchiveCodecStream s = ArchiveCodecStream.start(out, md);
        long announced = ArchiveCodecStream.metadataLength(md);
        for (var m : TWO) {
            announced += ArchiveCodecStream.messageLength(m);
            s.write(m);
        }
        s.flush();
        assertArrayEquals(ArchiveCodec.encode(md, TWO), out.toByteArray());
        assertEquals(announced, out.size());
        assertEquals(announced, s.written());
    }

    @Test
    void roundTripsMessagesAndMetadata() throws Exception {
        byte[] blob = ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK), TWO);
        DecodedArchive decoded = ArchiveCodec.decode(blob, DecodeLimits.DEFAULT);
        assertEquals(metadata(JAN_1_2020, JAN_1_2020 + WEEK), decoded.metadata());
        assertEquals(TWO, decoded.messages());
    }

    @Test
    void checksTheArchiveAgainstItsIndexEntry() throws Exception {
        byte[] blob = ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK), TWO);
        var right = ArchiveIds.entry(metadata(JAN_1_2020, JAN_1_2020 + WEEK), PieceLayout.place(0, blob.length));
        assertEquals(2, ArchiveCodec.decode(right, blob, DecodeLimits.DEFAULT).messages().size());
        var wrong = ArchiveIds.entry(metadata(JAN_1_2020, JAN_1_2020 + DAY), new PieceRange(0, 102400, 1));
        var e = assertThrows(ArchiveMismatchException.class, () -> ArchiveCodec.decode(wrong, blob, DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("index says"), e.getMessage());
    }

    @Test
    void truncatedInputIsReportedAsSuch() {
        byte[] blob = ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK), TWO);
        var e = assertThrows(MalformedEncodingException.class,
                () -> ArchiveCodec.decode(Arrays.copyOf(blob, blob.length - 3), DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void oversizedLengthPrefixIsRejectedBeforeAllocating() {
        // field 3 (messages), length prefix 2^31: far past the end of the input
        byte[] hostile = HexFormat.of().parseHex("1a8080808008" + "00");
        var e = assertThrows(MalformedEncodingException.class, () -> ArchiveCodec.decode(hostile, DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("length prefix 2147483648 exceeds"), e.getMessage());
    }

    @Test
    void wrongWireTypeOfAKnownFieldIsNamed() {
        // field 2 (metadata) as a varint
        var e = assertThrows(MalformedEncodingException.class,
                () -> ArchiveCodec.decode(HexFormat.of().parseHex("1005"), DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("'metadata' (2) has wire type 0 (varint), expected 2 (length-delimited)"),
                e.getMessage());
    }

    @Test
    void invalidWireTypeIsRejected() {
        var e = assertThrows(MalformedEncodingException.class,
                () -> ArchiveCodec.decode(HexFormat.of().parseHex("1f00"), DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("invalid wire type 7"), e.getMessage());
    }

    @Test
    void metadataWithFromNotBeforeToIsRejected() {
        byte[] md = HexFormat.of().parseHex("1204" + "1005" + "1805");
        var e = assertThrows(InvalidMetadataException.class, () -> ArchiveCodec.decode(md, DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("from (5) must be before to (5)"), e.getMessage());
        assertThrows(InvalidMetadataException.class, () -> ArchiveCodec.decode(new byte[0], DecodeLimits.DEFAULT));
    }

    @Test
    void topicsMustHaveFourBytes() {
        byte[] md = HexFormat.of().parseHex("1209" + "1001" + "1802" + "2203010203");
        var e = assertThrows(InvalidMetadataException.class, () -> ArchiveCodec.decode(md, DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("contentTopic of 3 bytes"), e.getMessage());
    }

    @Test
    void messagesOverTheWeightLimitAreRejectedByHash() {
        byte[] blob = ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK),
                List.of(message(JAN_1_2020, 7, 200)));
        var limits = new DecodeLimits(1 << 20, 1 << 20, 10, 100);
        var e = assertThrows(MalformedEncodingException.class, () -> ArchiveCodec.decode(blob, limits));
        assertTrue(e.getMessage().contains("exceed the limit of 100"), e.getMessage());
        var weightLimits = new DecodeLimits(1 << 20, 1 << 20, 10, 250);
        var heavy = assertThrows(OversizedMessageException.class, () -> ArchiveCodec.decode(blob, weightLimits));
        assertTrue(heavy.getMessage().contains("weighs 265 bytes"), heavy.getMessage());
        assertTrue(heavy.getMessage().contains("0x07"), heavy.getMessage());
    }

    @Test
    void unknownFieldsAreSkippedForForwardCompatibility() throws Exception {
        byte[] blob = ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK), TWO);
        byte[] extended = Arrays.copyOf(blob, blob.length + 3);
        extended[blob.length] = (byte) 0x78; // field 15, varint
        extended[blob.length + 1] = 1;
        extended[blob.length + 2] = 0;
        assertThrows(MalformedEncodingException.class, () -> ArchiveCodec.decode(extended, DecodeLimits.DEFAULT));
        assertEquals(2, ArchiveCodec.decode(Arrays.copyOf(extended, blob.length + 2), DecodeLimits.DEFAULT)
                .messages().size());
    }

    @Test
    void randomCorruptionOnlyEverGivesInvalidArchiveExceptions() {
        byte[] blob = ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK), TWO);
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            byte[] bad = blob.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                bad = Arrays.copyOf(bad, random.nextInt(bad.length + 1));
            }
            try {
                ArchiveCodec.decode(bad, DecodeLimits.DEFAULT);
            } catch (InvalidArchiveException expected) {
                // fine: a typed, explained rejection
            }
        }
        assertArrayEquals(blob, ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK), TWO));
    }
}
