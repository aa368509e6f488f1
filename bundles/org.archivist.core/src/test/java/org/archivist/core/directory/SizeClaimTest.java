package org.archivist.core.directory;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A size an index claims is checked before anything is allocated. */
class SizeClaimTest {
    @TempDir
    Path dataDir;

    @Test
    void aTwoGigabyteClaimOnASparseFileIsRefusedWithoutAllocating() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.existing(dataDir, COMMUNITY, Optional.empty());
        Files.createDirectories(dir.path());
        try (RandomAccessFile f = new RandomAccessFile(dir.dataFile().toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: no disk used
        }
        long start = System.nanoTime();
        var e = assertThrows(CorruptArchiveDirectoryException.class,
                () -> dir.readBlob(new PieceRange(0, 2_000_076_800L, 1)));
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused at once, nothing read");
    }
}
