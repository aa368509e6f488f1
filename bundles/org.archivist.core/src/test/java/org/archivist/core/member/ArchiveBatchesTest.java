package org.archivist.core.member;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.OTHER_TOPIC;
import static org.archivist.core.testing.Fixtures.TOPIC;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.TimeRange;
import org.archivist.api.host.Community;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.PieceLayout;
import org.junit.jupiter.api.Test;

class ArchiveBatchesTest {
    private static final ContentTopic FOREIGN = ContentTopic.of("deadbeef");
    private static final Community MEMBER = new Community(COMMUNITY, List.of(TOPIC, OTHER_TOPIC), false, false, true);
    private static final ArchiveMetadata METADATA =
            new ArchiveMetadata(TimeRange.of(JAN_1_2020, JAN_1_2020 + WEEK), List.of(OTHER_TOPIC, TOPIC));

    /** 7 messages; those with i % 3 == 2 (i = 2, 5) are on a topic the community does not have. */
    private static List<ArchivedMessage> messages() {
        List<ArchivedMessage> messages = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            messages.add(message(JAN_1_2020 + i, i % 3 == 2 ? FOREIGN : (i % 2 == 0 ? TOPIC : OTHER_TOPIC), i));
        }
        return messages;
    }

    @Test
    void handsOutTheCommunitysTopicsInOrderInBatches() {
        List<ArchivedMessage> all = messages();
        ArchiveBatches batches = ArchiveBatches.of(MEMBER, all, 2);

        assertEquals(7, batches.messages());
        assertEquals(5, batches.selected());
        List<List<ArchivedMessage>> out = new ArrayList<>();
        for (Optional<List<ArchivedMessage>> b = batches.next(); b.isPresent(); b = batches.next()) {
            out.add(b.get());
            assertEquals(out.stream().mapToInt(List::size).sum(), batches.consumed());
        }
        assertEquals(List.of(List.of(all.get(0), all.get(1)), List.of(all.get(3), all.get(4)), List.of(all.get(6))),
                out);
        assertTrue(batches.done());
        assertEquals(Optional.empty(), batches.next());
        assertEquals(5, batches.consumed());
    }

    @Test
    void peekDoesNotConsumeSoAFailedHandOverIsRetried() {
        List<ArchivedMessage> all = messages();
        ArchiveBatches batches = ArchiveBatches.of(MEMBER, all, 10);

        assertEquals(Optional.of(List.of(all.get(0), all.get(1), all.get(3), all.get(4), all.get(6))), batches.peek());
        assertEquals(batches.peek(), batches.peek());
        assertFalse(batches.done());
        assertEquals(0, batches.consumed());
        batches.advance();
        assertTrue(batches.done());
        assertEquals(Optional.empty(), batches.peek());
        batches.advance();
        assertEquals(5, batches.consumed());
    }

    @Test
    void archiveWithNothingOnTheTopicsIsDoneAtOnce() {
        ArchiveBatches batches = ArchiveBatches.of(MEMBER, List.of(message(JAN_1_2020, FOREIGN, 1)), 10);

        assertTrue(batches.done());
        assertEquals(1, batches.messages());
        assertEquals(0, batches.selected());
        assertEquals(Optional.empty(), batches.next());
    }

    @Test
    void readsAndValidatesTheBlobThroughTheReader() throws Exception {
        List<ArchivedMessage> all = messages();
        byte[] blob = ArchiveCodec.encode(METADATA, all);
        IndexEntry entry = ArchiveIds.entry(METADATA, PieceLayout.place(0, blob.length));

        ArchiveBatches batches = ArchiveBatches.read(new ArchiveReader(), MEMBER, entry, blob, Optional.empty(), 3);
        assertEquals(7, batches.messages());
        assertEquals(Optional.of(List.of(all.get(0), all.get(1), all.get(3))), batches.next());
        assertEquals(Optional.of(List.of(all.get(4), all.get(6))), batches.next());
        assertTrue(batches.done());

        assertThrows(InvalidArchiveException.class, () -> ArchiveBatches.read(new ArchiveReader(), MEMBER, entry,
                Arrays.copyOf(blob, blob.length + 1), Optional.empty(), 3));
    }

    @Test
    void rejectsANonPositiveBatchSize() {
        assertThrows(IllegalArgumentException.class, () -> ArchiveBatches.of(MEMBER, messages(), 0));
    }
}
