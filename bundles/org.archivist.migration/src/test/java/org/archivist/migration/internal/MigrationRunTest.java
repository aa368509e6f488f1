package org.archivist.migration.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.IndexEntry;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.migration.MigrationProgress;
import org.archivist.migration.MigrationProgress.Step;
import org.archivist.migration.MigrationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partly encrypted multi-archive set moved from a BitTorrent data directory to a Codex emulator. */
class MigrationRunTest {
    @TempDir
    Path tmp;

    @Test
    void movesEveryArchiveVerifiedInArchiveOrderAndARerunChangesNothing() throws Exception {
        try (MigrationHarness h = new MigrationHarness(tmp, 3, 3)) {
            List<Step> steps = new ArrayList<>();
            MigrationReport report = h.run(false, e -> steps.add(e.step()));
            assertTrue(report.complete(), report.summary());
            assertEquals(6, report.archives());
            assertEquals(6, report.uploaded());
            assertEquals(6, report.verified());
            assertEquals(0, report.failed());
            assertEquals(7, h.uploads(), "six archives and the index");
            assertEquals(Step.PLANNED, steps.get(0));
            assertEquals(Step.FINISHED, steps.get(steps.size() - 1));
            assertTrue(steps.indexOf(Step.COMMITTED) < steps.indexOf(Step.VERIFIED), "verified after the commit");

            assertSameArchives(h, report.link().orElseThrow());
            assertTrue(ArchiveEnvelope.isSealed(Files.readAllBytes(h.source.indexFile())));

            MigrationReport again = h.run(false, MigrationProgress.NONE);
            assertEquals(report.link(), again.link());
            assertEquals(0, again.uploaded());
            assertEquals(6, again.verified());
            assertEquals(7, h.uploads(), "a rerun uploads nothing");
        }
    }

    @Test
    void aPlainSetAlwaysGivesTheSameIndexCid() throws Exception {
        String first;
        try (MigrationHarness h = new MigrationHarness(tmp.resolve("a"), 3, 0)) {
            first = h.run(false, MigrationProgress.NONE).link().orElseThrow();
        }
        try (MigrationHarness h = new MigrationHarness(tmp.resolve("b"), 3, 0)) {
            assertEquals(first, h.run(false, MigrationProgress.NONE).link().orElseThrow());
        }
    }

    @Test
    void aDryRunReportsWhatWouldMoveAndTouchesNothing() throws Exception {
        try (MigrationHarness h = new MigrationHarness(tmp, 2, 2)) {
            MigrationReport plan = h.run(true, MigrationProgress.NONE);
            long bytes = h.source.entries().stream().mapToLong(e -> ((PieceRange) e.location()).blobLength()).sum();
            assertTrue(plan.dryRun());
            assertEquals(4, plan.archives());
            assertEquals(bytes, plan.bytes());
            assertEquals(4, plan.uploaded());
            assertEquals(bytes, plan.uploadedBytes());
            assertEquals(bytes * 1000 / (1 << 20), plan.estimate().toMillis());
            assertTrue(plan.link().isEmpty());
            assertEquals(List.of(), h.proxy.requests(), "a dry run never talks to the target");
            assertFalse(Files.exists(tmp.resolve("journal")));

            h.run(false, MigrationProgress.NONE);
            MigrationReport after = h.run(true, MigrationProgress.NONE);
            assertEquals(0, after.uploaded());
            assertEquals(4, after.skipped());
            assertEquals(4, after.verified());
        }
    }

    @Test
    void aSourceWithoutArchivesIsATypedNonRetryableError() throws Exception {
        try (MigrationHarness h = new MigrationHarness(tmp, 0, 0)) {
            var e = assertThrows(org.archivist.migration.MigrationException.class,
                    () -> h.run(false, MigrationProgress.NONE));
            assertFalse(e.retryable());
            assertTrue(e.getMessage().contains("nothing to migrate"), e.getMessage());
        }
    }

    /** The member's view of the migrated set: every source archive, byte for byte, in archive order. */
    static MigrationHarness.Fetched assertSameArchives(MigrationHarness h, String link) throws Exception {
        MigrationHarness.Fetched got = h.fetch(link);
        List<IndexEntry> source = h.source.entries();
        assertEquals(source.size(), got.entries().size());
        for (int i = 0; i < source.size(); i++) {
            assertEquals(source.get(i).metadata(), got.entries().get(i).metadata());
            assertArrayEquals(h.source.readBlob((PieceRange) source.get(i).location()), got.blobs().get(i),
                    "archive " + i);
        }
        return got;
    }
}
