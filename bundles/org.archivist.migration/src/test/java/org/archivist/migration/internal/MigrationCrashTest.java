package org.archivist.migration.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.migration.MigrationException;
import org.archivist.migration.MigrationProgress;
import org.archivist.migration.MigrationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the migrating "process" at every step boundary and at random HTTP requests (the request reaches the
 * node, its answer is lost, nothing is closed or rolled back), then reruns it in a new "process": every time,
 * every archive ends verified, nothing was uploaded twice, and the index is the uninterrupted run's (the same
 * CID for a plain set; for an encrypted one, whose index ciphertext differs per sealing, the same plain index
 * and then the same CID on every later rerun).
 */
class MigrationCrashTest {
    @TempDir
    static Path shared;
    static ArchiveDirectory partlyEncrypted;
    static ArchiveDirectory plain;

    @TempDir
    Path tmp;

    @BeforeAll
    static void sources() throws Exception {
        partlyEncrypted = SourceFixture.build(shared.resolve("mixed"), 2, 2, MigrationHarness.CIPHER);
        plain = SourceFixture.build(shared.resolve("plain"), 3, 0, MigrationHarness.CIPHER);
    }

    /** The uninterrupted run: its link, its plain index, and how many step events it emits. */
    private record Reference(String link, byte[] plainIndex, int steps, int requests) {
    }

    private Reference reference(ArchiveDirectory source, String name) throws Exception {
        try (MigrationHarness h = new MigrationHarness(tmp.resolve(name), source)) {
            AtomicInteger steps = new AtomicInteger();
            MigrationReport r = h.run(false, e -> steps.incrementAndGet());
            assertTrue(r.complete(), r.summary());
            String link = r.link().orElseThrow();
            int requests = h.proxy.requests().size();
            return new Reference(link, h.fetch(link).plainIndex(), steps.get(), requests);
        }
    }

    @Test
    void aKillAtEveryStepBoundaryOfAPartlyEncryptedSetIsFollowedByACompleteRerun() throws Exception {
        Reference ref = reference(partlyEncrypted, "reference");
        assertTrue(ref.steps() >= 4 * 3 + 4, "steps of the reference run: " + ref.steps());
        for (int k = 1; k <= ref.steps(); k++) {
            killAtStepThenRerun(partlyEncrypted, ref, k, false);
        }
    }

    @Test
    void aKillAtEveryStepBoundaryOfAPlainSetEndsWithTheSameIndexCid() throws Exception {
        Reference ref = reference(plain, "reference");
        for (int k = 1; k <= ref.steps(); k++) {
            killAtStepThenRerun(plain, ref, k, true);
        }
    }

    @Test
    void aKillAtRandomRequestsIsFollowedByACompleteRerun() throws Exception {
        Reference ref = reference(partlyEncrypted, "reference");
        Random random = new Random(42);
        for (int i = 0; i < 6; i++) {
            int n = 1 + random.nextInt(ref.requests());
            try (MigrationHarness h = new MigrationHarness(tmp.resolve("request-" + i + "-" + n), partlyEncrypted)) {
                h.restart();
                h.proxy.killAfter(n);
                try {
                    MigrationReport r = h.migrate(false, e -> {
                        if (h.proxy.dead()) {
                            h.target.crash();
                            throw new CrashableBackend.SimulatedCrash();
                        }
                    });
                    if (!h.proxy.dead()) {
                        fail("the run ended before request " + n + ": " + r.summary());
                    }
                } catch (CrashableBackend.SimulatedCrash | MigrationException expected) {
                    h.target.crash();
                }
                rerunAndCheck(h, ref, false, "killed at request " + n);
            }
        }
    }

    private void killAtStepThenRerun(ArchiveDirectory source, Reference ref, int k, boolean sameCid) throws Exception {
        try (MigrationHarness h = new MigrationHarness(tmp.resolve("step-" + k), source)) {
            AtomicInteger seen = new AtomicInteger();
            List<String> at = new ArrayList<>();
            try {
                h.run(false, e -> {
                    if (seen.incrementAndGet() == k) {
                        at.add(e.step() + " " + e.archive());
                        h.target.crash();
                        throw new CrashableBackend.SimulatedCrash();
                    }
                });
                fail("no kill at step " + k);
            } catch (CrashableBackend.SimulatedCrash expected) {
                // the process died here
            }
            rerunAndCheck(h, ref, sameCid, "killed at step " + k + " (" + at + ")");
        }
    }

    private static void rerunAndCheck(MigrationHarness h, Reference ref, boolean sameCid, String when)
            throws Exception {
        MigrationReport r = h.run(false, MigrationProgress.NONE);
        assertTrue(r.complete(), when + ": " + r.summary());
        String link = r.link().orElseThrow();
        if (sameCid) {
            assertEquals(ref.link(), link, when);
        }
        assertArrayEquals(ref.plainIndex(), h.fetch(link).plainIndex(), when + ": the same index");
        assertEquals(r.archives() + 1, h.uploads(), when + ": every archive and the index uploaded exactly once");
        MigrationReport again = h.run(false, MigrationProgress.NONE);
        assertEquals(link, again.link().orElseThrow(), when + ": a further rerun keeps the CID");
        assertEquals(r.archives() + 1, h.uploads(), when + ": a further rerun uploads nothing");
        MigrationRunTest.assertSameArchives(h, link);
    }
}
