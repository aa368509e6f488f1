package org.archivist.core.owner;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.DAY;
import static org.archivist.core.testing.Fixtures.HOUR;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.OTHER_TOPIC;
import static org.archivist.core.testing.Fixtures.TOPIC;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.host.Community;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.PublishSession;
import org.archivist.core.format.InconsistentIndexException;
import org.archivist.core.format.Keccak256;
import org.archivist.core.member.ArchiveReader;
import org.junit.jupiter.api.Test;

/** The same writer over a content-addressed backend (Codex): no padding, one CID per blob, a CID index. */
class ContentAddressedWriteTest {
    private static final org.archivist.api.storage.LinkFormat CID = org.archivist.core.link.IndexCidLinkFormat.INSTANCE;
    private static final Community PLAIN = new Community(COMMUNITY, List.of(TOPIC, OTHER_TOPIC), false, true, true);

    /** A Codex-like store in memory: a blob's address is derived from its content. */
    private static final class CidSession implements PublishSession {
        final Map<String, byte[]> blobs;
        byte[] index;

        CidSession(Map<String, byte[]> blobs, byte[] index) {
            this.blobs = blobs;
            this.index = index;
        }

        @Override
        public Optional<byte[]> existingIndex() {
            return Optional.ofNullable(index);
        }

        @Override
        public ArchiveLocation append(long length, org.archivist.api.storage.BlobWriter writer) {
            byte[] blob = org.archivist.core.testing.Blobs.read(length, writer);
            String cid = "zDv" + Keccak256.hex(blob).substring(2, 20);
            blobs.put(cid, blob);
            return new ContentAddress(cid);
        }

        @Override
        public String commit(byte[] newIndex) {
            index = newIndex;
            return "zDvIndex" + Keccak256.hex(newIndex).substring(2, 12);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void writesACidIndexThatReadersDetectAndAppendsToIt() throws Exception {
        List<ArchivedMessage> messages = List.of(message(JAN_1_2020 + HOUR, TOPIC, 1),
                message(JAN_1_2020 + 8 * DAY, OTHER_TOPIC, 2));
        ArchiveWriter writer = new ArchiveWriter(new ListMessageStore(messages));
        Map<String, byte[]> blobs = new HashMap<>();
        CidSession first = new CidSession(blobs, null);
        ArchiveRun run = writer.write(PLAIN, TimeRange.of(JAN_1_2020, JAN_1_2020 + WEEK), WEEK, Optional.empty(), CID, first);
        assertTrue(run.link().orElseThrow().startsWith("zDvIndex"));
        CidSession second = new CidSession(blobs, first.index);
        writer.write(PLAIN, TimeRange.of(JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK), WEEK, Optional.empty(), CID, second);

        ArchiveReader reader = new ArchiveReader();
        List<IndexEntry> entries = reader.readIndex(COMMUNITY, second.index, org.archivist.core.link.IndexCidLinkFormat.INSTANCE, Optional.empty());
        assertEquals(2, entries.size());
        assertEquals(entries, reader.readIndex(COMMUNITY, second.index, org.archivist.core.link.IndexCidLinkFormat.INSTANCE, Optional.empty()));
        for (int i = 0; i < 2; i++) {
            ContentAddress cid = (ContentAddress) entries.get(i).location();
            assertEquals(List.of(messages.get(i)),
                    reader.readArchive(COMMUNITY, entries.get(i), blobs.get(cid.cid()), Optional.empty()));
        }
    }

    @Test
    void aPieceRangeIndexCannotBeExtendedWithCids() throws Exception {
        ArchiveWriter writer = new ArchiveWriter(new ListMessageStore(List.of(message(JAN_1_2020 + HOUR, TOPIC, 1))));
        byte[] btIndex = org.archivist.core.format.IndexCodec.encode(org.archivist.core.format.IndexCodec.Shape.PIECE_RANGES, List.of(org.archivist.core.format.ArchiveIds.entry(
                new org.archivist.api.ArchiveMetadata(TimeRange.of(1, 2), List.of(TOPIC)),
                new ArchiveLocation.PieceRange(0, 102400, 10))));
        CidSession session = new CidSession(new HashMap<>(), btIndex);
        assertThrows(org.archivist.api.InvalidArchiveException.class, () -> writer.write(PLAIN,
                TimeRange.of(JAN_1_2020, JAN_1_2020 + WEEK), WEEK, Optional.empty(), CID, session));
    }
}
