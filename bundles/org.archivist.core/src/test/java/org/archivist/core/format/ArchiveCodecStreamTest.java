package org.archivist.core.format;

import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.TOPIC;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;
import org.archivist.core.io.BufferedBlobOutput;
import org.junit.jupiter.api.Test;

/**
 * The hand-written message encoder gives protobuf-java's bytes ({@link ArchiveCodec#encode}) for the fields at
 * their edges: empty arrays and a zero timestamp (omitted), long varints, a payload larger than the buffer,
 * a non-ASCII and an ill-formed (unpaired surrogate) third-party id; through a stream and straight into a
 * caller's small {@link BufferedBlobOutput}.
 */
class ArchiveCodecStreamTest {
    private static final ArchiveMetadata METADATA = metadata(JAN_1_2020, JAN_1_2020 + WEEK);

    private static final List<ArchivedMessage> EDGES = List.of(
            new ArchivedMessage(new byte[0], 0, TOPIC, new byte[0], new byte[0], new byte[0], ""),
            new ArchivedMessage(bytes(65, 1), Long.MAX_VALUE, ContentTopic.of("00000000"), bytes(1, 2), bytes(32, 3),
                    bytes(32, 4), "discord-42"),
            new ArchivedMessage(bytes(65, 5), 127, TOPIC, bytes(200_000, 6), new byte[0], bytes(32, 7), "café 日本"),
            new ArchivedMessage(bytes(65, 8), 128, TOPIC, bytes(127, 9), bytes(128, 10), bytes(32, 11), "a\uD800b"),
            new ArchivedMessage(bytes(16_383, 12), 16_384, TOPIC, bytes(16_384, 13), bytes(3, 14), bytes(32, 15),
                    "\uDC00"));

    @Test
    void edgeFieldsEncodeAsProtobufJavaDoes() throws IOException {
        byte[] expected = ArchiveCodec.encode(METADATA, EDGES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveCodecStream s = ArchiveCodecStream.start(out, METADATA);
        long announced = ArchiveCodecStream.metadataLength(METADATA);
        for (ArchivedMessage m : EDGES) {
            announced += ArchiveCodecStream.messageLength(m);
            s.write(m);
        }
        s.flush();
        assertArrayEquals(expected, out.toByteArray());
        assertEquals(expected.length, announced);
        assertEquals(expected.length, s.written());
    }

    @Test
    void encodesStraightIntoACallersBuffer() throws IOException {
        ByteArrayOutputStream drained = new ByteArrayOutputStream();
        int[] drains = {0};
        BufferedBlobOutput small = new BufferedBlobOutput(ByteBuffer.allocateDirect(64)) {
            @Override
            protected void drain(ByteBuffer bytes) {
                drains[0]++;
                byte[] chunk = new byte[bytes.remaining()];
                bytes.get(chunk);
                drained.write(chunk, 0, chunk.length);
            }
        };
        ArchiveCodecStream s = ArchiveCodecStream.start(small, METADATA);
        for (ArchivedMessage m : EDGES) {
            s.write(m);
        }
        s.flush();
        assertArrayEquals(ArchiveCodec.encode(METADATA, EDGES), drained.toByteArray());
        assertEquals(true, drains[0] > 1000, "a 64-byte buffer is drained again and again: " + drains[0]);
    }

    private static byte[] bytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
