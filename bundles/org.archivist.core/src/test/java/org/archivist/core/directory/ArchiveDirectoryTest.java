package org.archivist.core.directory;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.IndexEntry;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.IndexCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveDirectoryTest {
    @TempDir
    Path dataDir;

    @Test
    void appendsPaddedBlobsAndCommitsTheIndexInTheStatusLayout() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        assertFalse(Files.exists(dir.path()), "nothing exists before the first archive");
        byte[] a = blob(10, 1);
        byte[] b = blob(204800, 2);
        try (PublishSession s = dir.beginPublish()) {
            assertEquals(Optional.empty(), s.existingIndex());
            assertEquals(new PieceRange(0, 102400, 102390), s.append(a));
            assertEquals(new PieceRange(102400, 307200, 102400), s.append(b));
            s.commit(index(new PieceRange(0, 102400, 102390), new PieceRange(102400, 307200, 102400)));
        }
        assertEquals(dataDir.resolve(COMMUNITY.hex()), dir.path());
        assertEquals(409600, Files.size(dir.dataFile()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path())));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.dataFile())));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.indexFile())));
        assertArrayEquals(a, dir.readBlob(new PieceRange(0, 102400, 102390)));
        assertArrayEquals(b, dir.readBlob(new PieceRange(102400, 307200, 102400)));
        byte[] data = Files.readAllBytes(dir.dataFile());
        for (int i = 10; i < 102400; i++) {
            assertEquals(0, data[i]);
        }
        assertEquals(2, dir.entries().size());
        try (var files = Files.list(dir.path())) {
            // the Status files, plus our hidden lock and commit record (outside the torrent, which lists data and index)
            assertEquals(List.of(".archivist-commit", ".archivist.lock", "data", "index"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void secondSessionAppendsAfterTheCommittedArchives() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        commitOne(dir);
        try (PublishSession s = dir.beginPublish()) {
            assertTrue(s.existingIndex().isPresent());
            assertEquals(new PieceRange(102400, 102400, 102395), s.append(blob(5, 3)));
        }
    }

    @Test
    void closingWithoutCommitRollsBack() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        commitOne(dir);
        try (PublishSession s = dir.beginPublish()) {
            s.append(blob(5, 3));
            assertEquals(204800, Files.size(dir.dataFile()));
        }
        assertEquals(102400, Files.size(dir.dataFile()));
        try (PublishSession s = dir.beginPublish()) {
            assertThrows(StorageException.class, dir::beginPublish, "one session at a time");
        }
        ArchiveDirectory fresh = ArchiveDirectory.open(dataDir.resolve("other"), COMMUNITY, Optional.empty());
        try (PublishSession s = fresh.beginPublish()) {
            s.append(blob(5, 3));
        }
        assertFalse(Files.exists(fresh.dataFile()), "an uncommitted first run leaves no data file");
    }

    @Test
    void openTruncatesAnUncommittedTailAndRemovesAStaleTemporaryIndex() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        commitOne(dir);
        Files.write(dir.dataFile(), new byte[5000], StandardOpenOption.APPEND); // crash after append, before commit
        Files.write(dir.path().resolve(ArchiveDirectory.INDEX_TEMP), new byte[] {1, 2});
        ArchiveDirectory reopened = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        assertEquals(102400, Files.size(reopened.dataFile()));
        assertFalse(Files.exists(dir.path().resolve(ArchiveDirectory.INDEX_TEMP)));
        assertArrayEquals(blob(10, 1), reopened.readBlob(new PieceRange(0, 102400, 102390)));
    }

    @Test
    void openingWhileASessionAppendsLeavesItsTailAlone() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        commitOne(dir);
        try (PublishSession s = dir.beginPublish()) {
            PieceRange r = (PieceRange) s.append(blob(5, 3));
            ArchiveDirectory reader = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
            assertEquals(204800, reader.dataLength(), "the live session's archive is not cut off");
            assertEquals(1, reader.entries().size());
            s.commit(index(new PieceRange(0, 102400, 102390), r));
        }
        assertEquals(2, ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty()).entries().size());
    }

    @Test
    void dataShorterThanTheIndexIsCorruption() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        commitOne(dir);
        try (FileChannel ch = FileChannel.open(dir.dataFile(), StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }
        var e = assertThrows(CorruptArchiveDirectoryException.class,
                () -> ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty()));
        assertTrue(e.getMessage().contains("has 1000 bytes but"), e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void garbageIndexIsCorruption() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        commitOne(dir);
        Files.write(dir.indexFile(), new byte[] {0x0a, 0x7f});
        var e = assertThrows(CorruptArchiveDirectoryException.class,
                () -> ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty()));
        assertTrue(e.getMessage().contains("is not a valid index"), e.getMessage());
    }

    @Test
    void fullDiskDuringAppendKeepsThePreviousArchivesUsable() throws Exception {
        commitOne(ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty()));
        ArchiveDirectory.DataWriter fillsUp = (channel, bytes) -> {
            ByteBuffer half = bytes.duplicate();
            half.limit(half.position() + Math.min(half.remaining(), 3000));
            channel.write(half);
            throw new IOException("No space left on device");
        };
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, fillsUp);
        try (PublishSession s = dir.beginPublish()) {
            var e = assertThrows(StorageException.class, () -> s.append(blob(50_000, 9)));
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            assertTrue(e.getMessage().contains("committed before are intact"), e.getMessage());
            assertFalse(e.retryable());
            assertEquals(102400, Files.size(dir.dataFile()));
        }
        ArchiveDirectory reopened = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        assertEquals(1, reopened.entries().size());
        assertArrayEquals(blob(10, 1), reopened.readBlob(new PieceRange(0, 102400, 102390)));
    }

    @Test
    void readingPastTheEndIsAnError() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        commitOne(dir);
        assertThrows(CorruptArchiveDirectoryException.class, () -> dir.readBlob(new PieceRange(102400, 102400, 1)));
    }

    private static void commitOne(ArchiveDirectory dir) throws Exception {
        try (PublishSession s = dir.beginPublish()) {
            PieceRange r = (PieceRange) s.append(blob(10, 1));
            s.commit(index(r));
        }
    }

    private static byte[] index(PieceRange... ranges) {
        List<IndexEntry> entries = new java.util.ArrayList<>();
        long from = JAN_1_2020;
        for (PieceRange r : ranges) {
            entries.add(ArchiveIds.entry(metadata(from, from + WEEK), r));
            from += WEEK;
        }
        return IndexCodec.encode(org.archivist.core.format.IndexCodec.Shape.PIECE_RANGES, entries);
    }

    private static byte[] blob(int length, int fill) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }
}
