package org.archivist.core.owner;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.DAY;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.OTHER_TOPIC;
import static org.archivist.core.testing.Fixtures.TOPIC;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.api.host.Community;
import org.archivist.api.storage.PublishSession;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.link.MagnetLinkFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A range already archived creates nothing; an all-oversized partition gets status-go's empty archive. */
class IdempotentRunTest {
    private static final Community PLAIN = new Community(COMMUNITY, List.of(TOPIC, OTHER_TOPIC), false, true, true);
    private static final List<ArchivedMessage> MESSAGES = List.of(message(JAN_1_2020 + 1, TOPIC, 1),
            message(JAN_1_2020 + 8 * DAY, TOPIC, 2), message(JAN_1_2020 + 15 * DAY, TOPIC, 3));

    @TempDir
    Path dataDir;

    @Test
    void theSameRangeTwiceCreatesNothingTheSecondTime() throws Exception {
        assertEquals(2, run(MESSAGES, JAN_1_2020, JAN_1_2020 + 14 * DAY).created().size());
        byte[] data = Files.readAllBytes(dir().dataFile());
        byte[] index = Files.readAllBytes(dir().indexFile());
        ArchiveRun again = run(MESSAGES, JAN_1_2020, JAN_1_2020 + 14 * DAY);
        assertFalse(again.createdAny());
        assertEquals(Optional.empty(), again.link(), "nothing committed");
        assertEquals(2, again.index().size());
        assertArrayEquals(data, Files.readAllBytes(dir().dataFile()));
        assertArrayEquals(index, Files.readAllBytes(dir().indexFile()));
    }

    @Test
    void anOverlappingRangeArchivesOnlyWhatIsNotArchivedYet() throws Exception {
        run(MESSAGES, JAN_1_2020, JAN_1_2020 + 14 * DAY);
        ArchiveRun overlap = run(MESSAGES, JAN_1_2020 + 3 * DAY, JAN_1_2020 + 21 * DAY);
        // partitions [3d,10d) and [10d,17d): the first holds only archived messages, the second message 3
        assertEquals(1, overlap.created().size());
        assertEquals(1, overlap.created().get(0).messageCount());
        assertEquals(TimeRange.of(JAN_1_2020 + 10 * DAY, JAN_1_2020 + 17 * DAY), overlap.created().get(0).entry().range());
        assertEquals(3, dir().entries().size());
    }

    @Test
    void aPartitionOfOnlyOversizedMessagesGetsOneEmptyArchiveLikeStatusGo() throws Exception {
        ArchiveWriter small = new ArchiveWriter(new ListMessageStore(List.of(message(JAN_1_2020 + 1, 1, 2000),
                message(JAN_1_2020 + 2, 2, 3000), message(JAN_1_2020 + WEEK + 5, TOPIC, 7))), 1000, DecodeLimits.DEFAULT);
        ArchiveRun run;
        try (PublishSession s = dir().beginPublish()) {
            run = small.write(PLAIN, TimeRange.of(JAN_1_2020, JAN_1_2020 + 3 * WEEK), WEEK, Optional.empty(), MagnetLinkFormat.INSTANCE, s);
        }
        assertEquals(2, run.dropped());
        assertEquals(List.of(0, 1), run.created().stream().map(CreatedArchive::messageCount).toList(),
                "one empty archive for the first week, the second as usual, none for the empty third");
        var empty = run.created().get(0).entry();
        assertEquals(TimeRange.of(JAN_1_2020, JAN_1_2020 + WEEK), empty.range());
        var decoded = ArchiveCodec.decode(dir().readBlob((PieceRange) empty.location()), DecodeLimits.DEFAULT);
        assertEquals(List.of(), decoded.messages());
        assertEquals(empty.metadata(), decoded.metadata());

        try (PublishSession s = dir().beginPublish()) {
            assertFalse(small.write(PLAIN, TimeRange.of(JAN_1_2020, JAN_1_2020 + 3 * WEEK), WEEK, Optional.empty(), MagnetLinkFormat.INSTANCE, s)
                    .createdAny(), "the empty archive marks its partition as archived");
        }
    }

    @Test
    void anOrderedTopicListKeepsTheHostsOrderAndASetIsSorted() {
        ContentTopic a = ContentTopic.of("ffffffff");
        ContentTopic b = ContentTopic.of("00000001");
        assertEquals(List.of(a, b), TopicOrder.of(List.of(a, b)));
        assertEquals(List.of(b, a), TopicOrder.of(Set.of(a, b)));
        assertTrue(TopicOrder.of(new java.util.LinkedHashSet<>(List.of(a, b))).get(0).equals(b));
    }

    private ArchiveRun run(List<ArchivedMessage> messages, long from, long to) throws Exception {
        try (PublishSession s = dir().beginPublish()) {
            return new ArchiveWriter(new ListMessageStore(messages)).write(PLAIN, TimeRange.of(from, to), WEEK,
                    Optional.empty(), MagnetLinkFormat.INSTANCE, s);
        }
    }

    private ArchiveDirectory dir() throws Exception {
        return ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
    }
}
