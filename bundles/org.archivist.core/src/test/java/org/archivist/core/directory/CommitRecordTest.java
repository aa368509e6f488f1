package org.archivist.core.directory;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.IndexEntry;
import org.archivist.api.storage.PublishSession;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.IndexCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only bytes provably beyond the last commit are ever cut off. */
class CommitRecordTest {
    @TempDir
    Path dataDir;

    @Test
    void anEmptiedOrMissingIndexStopsWithAWayOutAndKeepsTheData() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        commit(dir, 2);
        Files.write(dir.indexFile(), new byte[0]);
        var e = assertThrows(CorruptArchiveDirectoryException.class,
                () -> ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty()));
        assertTrue(e.getMessage().contains("archivist repair"), e.getMessage());
        assertThrows(CorruptArchiveDirectoryException.class, dir::beginPublish);
        assertEquals(204800, Files.size(dir.dataFile()), "nothing was truncated");
        Files.delete(dir.indexFile());
        assertThrows(CorruptArchiveDirectoryException.class, dir::beginPublish);
        assertEquals(204800, Files.size(dir.dataFile()));
    }

    @Test
    void anIndexThatLostEntriesIsNotTrustedToTruncate() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        commit(dir, 1);
        byte[] oneEntry = Files.readAllBytes(dir.indexFile());
        commit(dir, 1);
        Files.write(dir.indexFile(), oneEntry); // an older index copied back
        var e = assertThrows(CorruptArchiveDirectoryException.class, dir::beginPublish);
        assertTrue(e.getMessage().contains("the last commit recorded 204800"), e.getMessage());
        assertEquals(204800, Files.size(dir.dataFile()));
    }

    @Test
    void aCrashBetweenTheIndexAndTheRecordAdoptsTheIndex() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        commit(dir, 1);
        byte[] record = Files.readAllBytes(dir.path().resolve(CommitRecord.FILE));
        commit(dir, 1);
        Files.write(dir.path().resolve(CommitRecord.FILE), record); // the record of the commit before
        Files.write(dir.dataFile(), new byte[7], StandardOpenOption.APPEND); // and a later uncommitted tail
        try (PublishSession s = dir.beginPublish()) {
            assertEquals(204800, dir.dataLength(), "the newer index is adopted, only the tail is cut");
        }
        assertEquals(2, dir.entries().size());
        assertTrue(CommitRecord.read(dir.path()).orElseThrow().describes(Files.readAllBytes(dir.indexFile())));
    }

    @Test
    void aFirstRunThatCrashedBeforeItsCommitIsCutBack() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        dir.beginPublish().close(); // a first run began (its record says: nothing committed yet)...
        Files.write(dir.dataFile(), new byte[102400]); // ...appended, and was killed before its commit
        try (PublishSession s = dir.beginPublish()) {
            assertEquals(0, dir.dataLength(), "a record of the empty start proves the bytes uncommitted");
        }
    }

    @Test
    void aGarbledRecordIsReportedNotTrusted() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        commit(dir, 1);
        Files.writeString(dir.path().resolve(CommitRecord.FILE), "archivist-commit 1\ndata-length x\n");
        var e = assertThrows(CorruptArchiveDirectoryException.class, dir::beginPublish);
        assertTrue(e.getMessage().contains("commit record"), e.getMessage());
    }

    private static void commit(ArchiveDirectory dir, int archives) throws Exception {
        List<IndexEntry> entries = new ArrayList<>(dir.entries());
        try (PublishSession s = dir.beginPublish()) {
            for (int i = 0; i < archives; i++) {
                PieceRange r = (PieceRange) s.append(new byte[] {(byte) i, 1, 2});
                entries.add(ArchiveIds.entry(metadata(JAN_1_2020 + entries.size() * WEEK, JAN_1_2020 + (entries.size() + 1) * WEEK), r));
            }
            s.commit(IndexCodec.encode(IndexCodec.Shape.PIECE_RANGES, entries));
        }
    }
}
