package org.archivist.core.owner;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.DAY;
import static org.archivist.core.testing.Fixtures.HOUR;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.OTHER_TOPIC;
import static org.archivist.core.testing.Fixtures.TOPIC;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.Community;
import org.archivist.api.host.MissingKeyException;
import org.archivist.api.storage.PublishSession;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.IndexCodec;
import org.archivist.core.testing.TestCipher;
import org.archivist.core.member.ArchiveReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status-go's manager_test.go archive cases, against the real on-disk layout. */
class ArchiveWriterTest {
    private static final org.archivist.api.storage.LinkFormat MAGNET = org.archivist.core.link.MagnetLinkFormat.INSTANCE;
    private static final ContentTopic FOREIGN = ContentTopic.of("deadbeef");
    private static final Community PLAIN = new Community(COMMUNITY, List.of(TOPIC, OTHER_TOPIC), false, true, true);
    private static final Community ENCRYPTED = new Community(COMMUNITY, List.of(TOPIC, OTHER_TOPIC), true, true, true);

    @TempDir
    Path dataDir;
    private final ArchiveReader reader = new ArchiveReader();

    @Test
    void noMessagesCreatesNoDataNoIndexAndCommitsNothing() throws Exception {
        ArchiveRun run = write(PLAIN, List.of(), JAN_1_2020, JAN_1_2020 + 6 * DAY, Optional.empty());
        assertFalse(run.createdAny());
        assertEquals(Optional.empty(), run.link());
        assertFalse(Files.exists(dataDir.resolve(COMMUNITY.hex()).resolve("data")));
        assertFalse(Files.exists(dataDir.resolve(COMMUNITY.hex()).resolve("index")));
    }

    @Test
    void twoMessagesInRangeMakeOneArchiveAndTheOneOutsideIsLeftOut() throws Exception {
        long end = JAN_1_2020 + 6 * DAY;
        ArchiveRun run = write(PLAIN, List.of(message(JAN_1_2020 + HOUR, TOPIC, 1),
                message(JAN_1_2020 + 2 * HOUR, TOPIC, 2), message(end + 2 * HOUR, TOPIC, 3)),
                JAN_1_2020, end, Optional.empty());
        assertEquals(1, run.created().size());
        assertEquals(2, run.created().get(0).messageCount());
        assertTrue(run.link().isPresent());
        IndexEntry entry = onlyEntry();
        assertEquals(TimeRange.of(JAN_1_2020, end), entry.range());
        assertEquals(List.of(OTHER_TOPIC, TOPIC).stream().sorted().toList(), entry.metadata().topics());
        List<ArchivedMessage> messages = read(entry, Optional.empty());
        assertEquals(List.of(1, 2), messages.stream().map(m -> (int) m.hash()[0]).toList());
    }

    @Test
    void threeWeeksGiveThreeArchivesWithTheInclusiveFrom() throws Exception {
        ArchiveRun run = write(PLAIN, List.of(message(JAN_1_2020 + HOUR, TOPIC, 1),
                message(JAN_1_2020 + 2 * HOUR, TOPIC, 2), message(JAN_1_2020 + 8 * DAY, TOPIC, 3),
                message(JAN_1_2020 + 14 * DAY, TOPIC, 4), message(JAN_1_2020 + 3 * HOUR, FOREIGN, 5)),
                JAN_1_2020, JAN_1_2020 + 20 * DAY, Optional.empty());
        assertEquals(3, run.created().size());
        List<IndexEntry> entries = entries(Optional.empty());
        assertEquals(List.of(JAN_1_2020, JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK),
                entries.stream().map(e -> e.range().from()).toList());
        assertEquals(JAN_1_2020 + 20 * DAY, entries.get(2).range().to(), "the last partition is cut at the end");
        assertEquals(List.of(2, 1, 1), entries.stream().map(e -> {
            try {
                return read(e, Optional.empty()).size();
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }).toList());
        // Jan 15 00:00 falls into the third archive, not the second
        assertEquals(JAN_1_2020 + 14 * DAY, read(entries.get(2), Optional.empty()).get(0).timestamp());
        assertEquals(List.of(0L, 102400L, 204800L), entries.stream().map(e -> ((PieceRange) e.location()).offset()).toList());
    }

    @Test
    void theWholeTimeAxisCostsOneQueryPerPopulatedPartition() throws Exception {
        List<ArchivedMessage> messages = List.of(message(JAN_1_2020 + HOUR, TOPIC, 1),
                message(JAN_1_2020 + 2 * HOUR, TOPIC, 2), message(JAN_1_2020 + 400 * WEEK + 5, TOPIC, 3),
                message(Long.MAX_VALUE - 10, OTHER_TOPIC, 4), message(JAN_1_2020 + 3 * WEEK, FOREIGN, 5));
        java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
        ListMessageStore list = new ListMessageStore(messages);
        org.archivist.api.host.MessageStore counting = new org.archivist.api.host.MessageStore() {
            @Override
            public java.util.stream.Stream<ArchivedMessage> messages(org.archivist.api.CommunityId c,
                    java.util.Set<ContentTopic> topics, TimeRange range) {
                queries.incrementAndGet();
                return list.messages(c, topics, range);
            }

            @Override
            public java.util.OptionalLong oldestTimestamp(org.archivist.api.CommunityId c,
                    java.util.Set<ContentTopic> topics) {
                return list.oldestTimestamp(c, topics);
            }
        };
        ArchiveRun run;
        long start = System.nanoTime();
        try (PublishSession s = directory(Optional.empty()).beginPublish()) {
            run = new ArchiveWriter(counting).write(PLAIN, TimeRange.of(0, Long.MAX_VALUE),
                    ArchiveWriter.DEFAULT_PARTITION_SECONDS, Optional.empty(), MAGNET, s);
        }
        assertTrue(System.nanoTime() - start < 60_000_000_000L, "not a loop over 1.5e13 partitions");

        long p = ArchiveWriter.DEFAULT_PARTITION_SECONDS;
        List<IndexEntry> entries = entries(Optional.empty());
        assertEquals(3, run.created().size());
        assertEquals(List.of(JAN_1_2020 / p * p, (JAN_1_2020 + 400 * WEEK + 5) / p * p, (Long.MAX_VALUE - 10) / p * p),
                entries.stream().map(e -> e.range().from()).toList(), "partitions aligned on the range's start");
        assertEquals(Long.MAX_VALUE, entries.get(2).range().to(), "the last partition is cut at the end");
        assertEquals(List.of(2, 1, 1), run.created().stream().map(CreatedArchive::messageCount).toList());
        // per populated partition: the query that finds it, the two passes over it; plus the final empty query
        assertTrue(queries.get() <= 3 * 3 + 2, "store queries: " + queries.get());
    }

    @Test
    void aSecondRunAppendsToTheIndex() throws Exception {
        List<ArchivedMessage> messages = List.of(message(JAN_1_2020 + HOUR, TOPIC, 1),
                message(JAN_1_2020 + 2 * HOUR, TOPIC, 2), message(JAN_1_2020 + 8 * DAY, TOPIC, 3));
        write(PLAIN, messages, JAN_1_2020, JAN_1_2020 + WEEK, Optional.empty());
        byte[] firstData = Files.readAllBytes(directory().dataFile());
        ArchiveRun second = write(PLAIN, messages, JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK, Optional.empty());
        assertEquals(1, second.created().size());
        assertEquals(2, second.index().size());
        assertEquals(2, entries(Optional.empty()).size());
        byte[] data = Files.readAllBytes(directory().dataFile());
        assertArrayEquals(firstData, java.util.Arrays.copyOf(data, firstData.length), "data is append-only");
        assertEquals(204800, data.length);
    }

    @Test
    void chunksAreCappedAndOversizedMessagesDropped() throws Exception {
        ArchiveWriter small = new ArchiveWriter(new ListMessageStore(List.of(
                message(JAN_1_2020 + 1, 1, 400), message(JAN_1_2020 + 2, 2, 400), message(JAN_1_2020 + 3, 3, 2000),
                message(JAN_1_2020 + 4, 4, 400))), 1000, DecodeLimits.DEFAULT);
        ArchiveRun run;
        try (PublishSession s = directory().beginPublish()) {
            run = small.write(PLAIN, TimeRange.of(JAN_1_2020, JAN_1_2020 + WEEK), WEEK, Optional.empty(), MAGNET, s);
        }
        // weights are payload + 65-byte sig: 465 + 465 fit 1000, the third 465 does not; 2065 is dropped
        assertEquals(List.of(2, 1), run.created().stream().map(CreatedArchive::messageCount).toList());
        assertEquals(1, run.dropped());
        List<IndexEntry> entries = entries(Optional.empty());
        assertEquals(2, entries.size());
        assertEquals(entries.get(0).range(), entries.get(1).range(), "chunks share the partition bounds");
        assertFalse(entries.get(0).archiveId().equals(entries.get(1).archiveId()), "ids differ by offset");
    }

    @Test
    void messageOverTheRealThirtyMillionByteCapIsDropped() throws Exception {
        ArchivedMessage huge = message(JAN_1_2020 + 1, 9, 30_000_000 - 64);
        ArchiveRun run = write(PLAIN, List.of(huge, message(JAN_1_2020 + 2, TOPIC, 1)), JAN_1_2020,
                JAN_1_2020 + WEEK, Optional.empty());
        assertEquals(1, run.dropped());
        assertEquals(1, run.created().get(0).messageCount());
    }

    @Test
    void encryptedCommunitySealsBlobsAndIndexAndReadsBack() throws Exception {
        TestCipher cipher = new TestCipher(42, new byte[32], "owner");
        List<ArchivedMessage> messages = List.of(message(JAN_1_2020 + HOUR, TOPIC, 1),
                message(JAN_1_2020 + 8 * DAY, TOPIC, 2));
        write(ENCRYPTED, messages, JAN_1_2020, JAN_1_2020 + WEEK, Optional.of(cipher));
        write(ENCRYPTED, messages, JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK, Optional.of(cipher));
        byte[] index = Files.readAllBytes(directory(Optional.of(cipher)).indexFile());
        assertTrue(ArchiveEnvelope.isSealed(index));
        List<IndexEntry> entries = entries(Optional.of(cipher));
        assertEquals(2, entries.size());
        for (IndexEntry e : entries) {
            byte[] blob = directory(Optional.of(cipher)).readBlob((PieceRange) e.location());
            assertTrue(ArchiveEnvelope.isSealed(blob));
        }
        assertEquals(List.of(messages.get(0)), read(entries.get(0), Optional.of(cipher)));
        assertEquals(List.of(messages.get(1)), read(entries.get(1), Optional.of(cipher)));
        byte[] sealedBlob = directory(Optional.of(cipher)).readBlob((PieceRange) entries.get(0).location());
        assertThrows(MissingKeyException.class,
                () -> reader.readArchive(COMMUNITY, entries.get(0), sealedBlob, Optional.empty()));
        try (PublishSession s = directory(Optional.of(cipher)).beginPublish()) {
            var e = assertThrows(CipherException.class, () -> new ArchiveWriter(new ListMessageStore(messages))
                    .write(ENCRYPTED, TimeRange.of(JAN_1_2020, JAN_1_2020 + WEEK), WEEK, Optional.empty(), MAGNET, s));
            assertTrue(e.getMessage().contains("no cipher"), e.getMessage());
        }
    }

    @Test
    void aFailedAppendCommitsNothing() throws Exception {
        write(PLAIN, List.of(message(JAN_1_2020 + HOUR, TOPIC, 1)), JAN_1_2020, JAN_1_2020 + WEEK, Optional.empty());
        byte[] index = Files.readAllBytes(directory().indexFile());
        List<ArchivedMessage> more = new ArrayList<>();
        more.add(message(JAN_1_2020 + WEEK + 1, TOPIC, 2));
        ArchiveWriter writer = new ArchiveWriter(new ListMessageStore(more));
        try (PublishSession s = new FailingCommit(directory().beginPublish())) {
            assertThrows(org.archivist.api.storage.StorageException.class, () -> writer.write(PLAIN,
                    TimeRange.of(JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK), WEEK, Optional.empty(), MAGNET, s));
        }
        assertArrayEquals(index, Files.readAllBytes(directory().indexFile()));
        assertEquals(102400, Files.size(directory().dataFile()), "the appended archive was rolled back");
    }

    private ArchiveRun write(Community community, List<ArchivedMessage> messages, long from, long to,
            Optional<ArchiveCipher> cipher) throws Exception {
        ArchiveWriter writer = new ArchiveWriter(new ListMessageStore(messages));
        try (PublishSession s = directory(cipher).beginPublish()) {
            return writer.write(community, TimeRange.of(from, to), ArchiveWriter.DEFAULT_PARTITION_SECONDS, cipher, MAGNET, s);
        }
    }

    private ArchiveDirectory directory() throws Exception {
        return directory(Optional.empty());
    }

    private ArchiveDirectory directory(Optional<ArchiveCipher> cipher) throws Exception {
        return ArchiveDirectory.open(dataDir, COMMUNITY, cipher);
    }

    private List<IndexEntry> entries(Optional<ArchiveCipher> cipher) throws Exception {
        byte[] index = Files.readAllBytes(dataDir.resolve(COMMUNITY.hex()).resolve("index"));
        List<IndexEntry> entries = reader.readIndex(COMMUNITY, index, org.archivist.core.link.MagnetLinkFormat.INSTANCE, cipher);
        IndexCodec.checkWithin(entries, Files.size(dataDir.resolve(COMMUNITY.hex()).resolve("data")));
        return entries;
    }

    private IndexEntry onlyEntry() throws Exception {
        List<IndexEntry> entries = entries(Optional.empty());
        assertEquals(1, entries.size());
        return entries.get(0);
    }

    private List<ArchivedMessage> read(IndexEntry entry, Optional<ArchiveCipher> cipher) throws Exception {
        byte[] blob = directory(cipher).readBlob((PieceRange) entry.location());
        return reader.readArchive(COMMUNITY, entry, blob, cipher);
    }

    /** A session whose commit fails, as a backend's would when its disk is full. */
    private record FailingCommit(PublishSession inner) implements PublishSession {
        @Override
        public Optional<byte[]> existingIndex() throws org.archivist.api.storage.StorageException {
            return inner.existingIndex();
        }

        @Override
        public org.archivist.api.ArchiveLocation append(long length, org.archivist.api.storage.BlobWriter writer) throws org.archivist.api.storage.StorageException {
            byte[] blob = org.archivist.core.testing.Blobs.read(length, writer);
            return inner.append(blob);
        }

        @Override
        public String commit(byte[] index) throws org.archivist.api.storage.StorageException {
            throw new org.archivist.api.storage.StorageException("No space left on device", false);
        }

        @Override
        public void close() throws org.archivist.api.storage.StorageException {
            inner.close();
        }
    }
}
