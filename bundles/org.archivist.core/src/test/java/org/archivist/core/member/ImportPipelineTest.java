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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.host.Community;
import org.archivist.api.host.MissingKeyException;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.InvalidMetadataException;
import org.archivist.core.format.MalformedEncodingException;
import org.archivist.core.format.PieceLayout;
import org.archivist.core.testing.TestCipher;
import org.archivist.core.state.CommunityStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPipelineTest {
    private static final ContentTopic FOREIGN = ContentTopic.of("deadbeef");
    private static final Community MEMBER = new Community(COMMUNITY, List.of(TOPIC, OTHER_TOPIC), false, false, true);

    @TempDir
    Path stateDir;
    private final List<List<ArchivedMessage>> batches = new ArrayList<>();
    private final long[] clock = {0};
    private final List<Long> sleeps = new ArrayList<>();

    @Test
    void importsOnlyTheCommunitysTopicsInPacedBatchesAndMarksTheArchive() throws Exception {
        List<ArchivedMessage> messages = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            messages.add(message(JAN_1_2020 + i, i % 3 == 2 ? FOREIGN : (i % 2 == 0 ? TOPIC : OTHER_TOPIC), i));
        }
        IndexEntry entry = entry(messages);
        byte[] blob = ArchiveCodec.encode(entry.metadata(), messages);
        CommunityStateStore state = new CommunityStateStore(stateDir);

        ImportResult result = pipeline(state, 2).importArchive(MEMBER, entry, blob, Optional.empty());

        assertEquals(new ImportResult(entry.archiveId(), false, 7, 5, 3), result);
        assertEquals(List.of(2, 2, 1), batches.stream().map(List::size).toList());
        assertTrue(batches.stream().flatMap(List::stream).noneMatch(m -> m.topic().equals(FOREIGN)));
        assertEquals(List.of(500_000_000L, 500_000_000L), sleeps, "2 batches/s: the 2nd and 3rd wait 0.5 s");
        assertTrue(new CommunityStateStore(stateDir).load(COMMUNITY).isImported(entry.archiveId()));

        ImportResult again = pipeline(state, 2).importArchive(MEMBER, entry, blob, Optional.empty());
        assertTrue(again.alreadyImported());
        assertEquals(3, batches.size(), "nothing is imported twice");
    }

    @Test
    void encryptedArchiveIsUnsealedFirst() throws Exception {
        TestCipher cipher = new TestCipher(5, new byte[32], "owner");
        List<ArchivedMessage> messages = List.of(message(JAN_1_2020 + 1, TOPIC, 1));
        byte[] sealed = ArchiveEnvelope.seal(COMMUNITY, ArchiveCodec.encode(METADATA, messages), cipher);
        IndexEntry entry = ArchiveIds.entry(METADATA, PieceLayout.place(0, sealed.length));
        CommunityStateStore state = new CommunityStateStore(stateDir);
        assertThrows(MissingKeyException.class,
                () -> pipeline(state, 10).importArchive(MEMBER, entry, sealed, Optional.empty()));
        assertFalse(state.load(COMMUNITY).isImported(entry.archiveId()));
        assertEquals(List.of(entry.archiveId()), state.load(COMMUNITY).unimported(), "known, waiting for the key");
        assertEquals(1, pipeline(state, 10).importArchive(MEMBER, entry, sealed, Optional.of(cipher)).imported());
        assertEquals(messages, batches.get(0));
    }

    @Test
    void invalidBlobOrFailingImporterLeavesTheArchiveUnimported() throws Exception {
        List<ArchivedMessage> messages = List.of(message(JAN_1_2020 + 1, TOPIC, 1));
        IndexEntry entry = ArchiveIds.entry(METADATA, new ContentAddress("zDvExample"));
        CommunityStateStore state = new CommunityStateStore(stateDir);
        assertThrows(MalformedEncodingException.class,
                () -> pipeline(state, 10).importArchive(MEMBER, entry, new byte[] {0x12, 0x7f}, Optional.empty()));
        byte[] otherArchive = ArchiveCodec.encode(new ArchiveMetadata(TimeRange.of(1, 2), List.of(TOPIC)), messages);
        assertThrows(ArchivistException.class,
                () -> pipeline(state, 10).importArchive(MEMBER, entry, otherArchive, Optional.empty()));
        ImportPipeline failing = new ImportPipeline((c, b) -> {
            throw new ArchivistException("chat server is shutting down");
        }, new ArchiveReader(), state, new ImportSettings(10, 1), limiter(1));
        byte[] blob = ArchiveCodec.encode(entry.metadata(), messages);
        assertThrows(ArchivistException.class, () -> failing.importArchive(MEMBER, entry, blob, Optional.empty()));
        assertFalse(state.load(COMMUNITY).isImported(entry.archiveId()));
        assertThrows(InvalidMetadataException.class, () -> pipeline(state, 10).importArchive(MEMBER, entry,
                new byte[] {0x12, 0x00}, Optional.empty()));
    }

    private ImportPipeline pipeline(CommunityStateStore state, int batchSize) {
        return new ImportPipeline((community, batch) -> batches.add(batch), new ArchiveReader(), state,
                new ImportSettings(batchSize, 2), limiter(2));
    }

    private RateLimiter limiter(double rate) {
        return new RateLimiter(rate, () -> clock[0], nanos -> {
            sleeps.add(nanos);
            clock[0] += nanos;
        });
    }

    private static final ArchiveMetadata METADATA =
            new ArchiveMetadata(TimeRange.of(JAN_1_2020, JAN_1_2020 + WEEK), List.of(OTHER_TOPIC, TOPIC));

    private static IndexEntry entry(List<ArchivedMessage> messages) {
        return ArchiveIds.entry(METADATA, PieceLayout.place(0, ArchiveCodec.encode(METADATA, messages).length));
    }
}
