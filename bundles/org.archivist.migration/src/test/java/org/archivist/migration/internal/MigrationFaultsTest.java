package org.archivist.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.migration.MigrationException;
import org.archivist.migration.MigrationProgress;
import org.archivist.migration.MigrationProgress.Step;
import org.archivist.migration.MigrationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Codex node misbehaves during a migration: short faults are retried, long ones stop the run cleanly. */
class MigrationFaultsTest {
    @TempDir
    static Path shared;
    static ArchiveDirectory source;

    @TempDir
    Path tmp;

    @BeforeAll
    static void source() throws Exception {
        source = SourceFixture.build(shared.resolve("mixed"), 2, 1, MigrationHarness.CIPHER);
    }

    @Test
    void a500BurstIsRetried() throws Exception {
        try (MigrationHarness h = new MigrationHarness(tmp, source)) {
            AtomicBoolean injected = new AtomicBoolean();
            MigrationReport r = h.run(false, e -> {
                if (e.step() == Step.JOURNALED && injected.compareAndSet(false, true)) {
                    h.node.faults().failNext(3);
                }
            });
            assertTrue(r.complete(), r.summary());
            MigrationRunTest.assertSameArchives(h, r.link().orElseThrow());
        }
    }

    @Test
    void aTruncatedDownloadDuringVerificationIsRetried() throws Exception {
        try (MigrationHarness h = new MigrationHarness(tmp, source)) {
            MigrationReport r = h.run(false, e -> {
                if (e.step() == Step.COMMITTED) {
                    h.node.faults().truncateNext(1, 100);
                }
            });
            assertTrue(r.complete(), r.summary());
        }
    }

    @Test
    void anOfflineNodeStopsTheRunCleanlyAndARerunFinishesIt() throws Exception {
        try (MigrationHarness h = new MigrationHarness(tmp, source)) {
            MigrationException e = assertThrows(MigrationException.class, () -> h.run(false, s -> {
                if (s.step() == Step.JOURNALED && s.archive() == 2) {
                    h.node.faults().offline(true);
                }
            }));
            assertTrue(e.retryable(), e.getMessage());
            h.node.faults().clear();
            MigrationReport r = h.run(false, MigrationProgress.NONE);
            assertTrue(r.complete(), r.summary());
            assertEquals(3, r.verified());
            MigrationRunTest.assertSameArchives(h, r.link().orElseThrow());
        }
    }

    @Test
    void aHangingNodeTimesOutStopsTheRunAndARerunFinishesIt() throws Exception {
        try (MigrationHarness h = new MigrationHarness(tmp, source)) {
            h.readTimeout = Duration.ofMillis(400);
            h.node.faults().hang(true);
            MigrationException e = assertThrows(MigrationException.class, () -> h.run(false, MigrationProgress.NONE));
            assertTrue(e.retryable(), e.getMessage());
            h.node.faults().hang(false);
            h.readTimeout = Duration.ofSeconds(10);
            MigrationReport r = h.run(false, MigrationProgress.NONE);
            assertTrue(r.complete(), r.summary());
        }
    }
}
