package org.archivist.core.member;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.TOPIC;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.message;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.IndexEntry;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.ArchiveMismatchException;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.MalformedEncodingException;
import org.archivist.core.format.PieceLayout;
import org.junit.jupiter.api.Test;

class ArchiveReaderTest {
    private static final List<ArchivedMessage> MESSAGES = List.of(message(JAN_1_2020 + 1, TOPIC, 1));
    private static final byte[] BLOB = ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK), MESSAGES);
    private static final IndexEntry ENTRY = ArchiveIds.entry(metadata(JAN_1_2020, JAN_1_2020 + WEEK),
            PieceLayout.place(204800, BLOB.length));

    private final ArchiveReader reader = new ArchiveReader();

    @Test
    void acceptsTheBlobWithOrWithoutItsPadding() throws Exception {
        assertEquals(MESSAGES, reader.readArchive(COMMUNITY, ENTRY, BLOB, Optional.empty()));
        byte[] padded = Arrays.copyOf(BLOB, (int) ((PieceRange) ENTRY.location()).size());
        assertEquals(MESSAGES, reader.readArchive(COMMUNITY, ENTRY, padded, Optional.empty()));
    }

    @Test
    void rejectsABlobOfAnotherLength() {
        var e = assertThrows(ArchiveMismatchException.class,
                () -> reader.readArchive(COMMUNITY, ENTRY, Arrays.copyOf(BLOB, BLOB.length + 1), Optional.empty()));
        assertTrue(e.getMessage().contains("the index says " + BLOB.length), e.getMessage());
    }

    @Test
    void appliesItsLimitsBeforeDecoding() {
        ArchiveReader strict = new ArchiveReader(new DecodeLimits(BLOB.length - 1, 10, 10, 1000));
        assertThrows(MalformedEncodingException.class, () -> strict.readArchive(COMMUNITY, ENTRY, BLOB, Optional.empty()));
        assertThrows(MalformedEncodingException.class,
                () -> strict.readIndex(COMMUNITY, new byte[11], org.archivist.core.link.MagnetLinkFormat.INSTANCE, Optional.empty()));
    }
}
