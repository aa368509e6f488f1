package org.archivist.core.format;

import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.message;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.InvalidArchiveException;
import org.archivist.proto.WakuMessageArchive;
import org.junit.jupiter.api.Test;

/** The streaming decoder against the whole-array one: same messages, and never accepting what it rejects. */
class ArchiveStreamDecoderTest {
    private static final ArchiveMetadata META = metadata(JAN_1_2020, JAN_1_2020 + WEEK);
    private final Random random = new Random(15);

    @Test
    void decodesTheSameMessagesAsTheWholeArrayDecoder() throws Exception {
        for (int round = 0; round < 50; round++) {
            List<ArchivedMessage> messages = new ArrayList<>();
            int n = random.nextInt(round < 5 ? 3 : 400);
            for (int i = 0; i < n; i++) {
                messages.add(message(JAN_1_2020 + 1 + random.nextInt(1000), i, random.nextInt(round % 7 == 0 ? 70_000 : 300)));
            }
            byte[] blob = ArchiveCodec.encode(META, messages);
            DecodedArchive whole = ArchiveCodec.decode(blob, DecodeLimits.DEFAULT);
            ArchiveStreamDecoder streamed = ArchiveStreamDecoder.start(new ByteArrayInputStream(blob),
                    DecodeLimits.DEFAULT);
            assertEquals(whole.metadata(), streamed.metadata());
            assertEquals(whole.messages(), all(streamed), "round " + round);
            assertEquals(n, streamed.messages());
        }
    }

    @Test
    void agreesWithTheWholeArrayDecoderOnEveryTruncation() throws Exception {
        byte[] blob = ArchiveCodec.encode(META, List.of(message(JAN_1_2020 + 1, 1, 40), message(JAN_1_2020 + 2, 2, 3)));
        for (int cut = 0; cut < blob.length; cut++) {
            compare(Arrays.copyOf(blob, cut), "cut at " + cut);
        }
    }

    @Test
    void neverAcceptsWhatTheWholeArrayDecoderRejects() throws Exception {
        byte[] blob = ArchiveCodec.encode(META, List.of(message(JAN_1_2020 + 1, 1, 40), message(JAN_1_2020 + 2, 2, 3),
                message(JAN_1_2020 + 3, 3, 0)));
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = blob.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(mutated.length);
                mutated[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (mutated[at] ^ 1 << random.nextInt(8));
            }
            compare(mutated, "mutation " + i);
        }
    }

    @Test
    void rejectsAMessageBeforeTheMetadataAndAnArchiveWithoutMetadata() {
        byte[] messageFirst = WakuMessageArchive.newBuilder()
                .addMessages(ProtoMapping.toProto(message(JAN_1_2020 + 1, 1, 4)))
                .setMetadata(ProtoMapping.toProto(META)).build().toByteArray();
        // protobuf writes field 2 before 3 whatever the builder's order: put the message field first by hand
        byte[] metaField = WakuMessageArchive.newBuilder().setMetadata(ProtoMapping.toProto(META)).build().toByteArray();
        byte[] reordered = new byte[messageFirst.length];
        System.arraycopy(messageFirst, metaField.length, reordered, 0, messageFirst.length - metaField.length);
        System.arraycopy(metaField, 0, reordered, messageFirst.length - metaField.length, metaField.length);
        InvalidArchiveException e = assertThrows(InvalidMetadataException.class,
                () -> ArchiveStreamDecoder.start(new ByteArrayInputStream(reordered), DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("before the metadata"), e.getMessage());
        e = assertThrows(InvalidMetadataException.class,
                () -> ArchiveStreamDecoder.start(new ByteArrayInputStream(new byte[0]), DecodeLimits.DEFAULT));
        assertTrue(e.getMessage().contains("no metadata"), e.getMessage());
    }

    @Test
    void rejectsAMessageOverTheWeightLimitAndATruncatedLongMessage() throws Exception {
        byte[] blob = ArchiveCodec.encode(META, List.of(message(JAN_1_2020 + 1, 1, 5000)));
        DecodeLimits limits = new DecodeLimits(1 << 20, 1 << 20, 10, 1000);
        ArchiveStreamDecoder strict = ArchiveStreamDecoder.start(new ByteArrayInputStream(blob), limits);
        InvalidArchiveException tooHeavy = assertThrows(InvalidArchiveException.class, strict::next);
        assertTrue(tooHeavy.getMessage().contains("exceed the limit of 1000"), tooHeavy.getMessage());
        assertThrows(InvalidArchiveException.class, () -> ArchiveCodec.decode(blob, limits));
        ArchiveStreamDecoder cut = ArchiveStreamDecoder.start(
                new ByteArrayInputStream(Arrays.copyOf(blob, blob.length - 100)), DecodeLimits.DEFAULT);
        MalformedEncodingException e = assertThrows(MalformedEncodingException.class, cut::next);
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /** If the stream accepts, the whole-array decoder accepts the same; if the whole-array rejects, so does the stream. */
    private static void compare(byte[] bytes, String what) {
        Optional<DecodedArchive> whole;
        try {
            whole = Optional.of(ArchiveCodec.decode(bytes, DecodeLimits.DEFAULT));
        } catch (InvalidArchiveException e) {
            whole = Optional.empty();
        }
        List<ArchivedMessage> streamed;
        ArchiveMetadata metadata;
        try {
            ArchiveStreamDecoder d = ArchiveStreamDecoder.start(new ByteArrayInputStream(bytes), DecodeLimits.DEFAULT);
            metadata = d.metadata();
            streamed = all(d);
        } catch (InvalidArchiveException e) {
            return;
        } catch (Exception e) {
            fail(what + ": not a typed rejection: " + e, e);
            return;
        }
        assertTrue(whole.isPresent(), what + ": the stream accepted what the whole-array decoder rejects");
        assertEquals(whole.get().metadata(), metadata, what);
        assertEquals(whole.get().messages(), streamed, what);
    }

    private static List<ArchivedMessage> all(ArchiveStreamDecoder d) throws Exception {
        List<ArchivedMessage> out = new ArrayList<>();
        for (Optional<ArchivedMessage> m = d.next(); m.isPresent(); m = d.next()) {
            out.add(m.get());
        }
        return out;
    }
}
