package org.archivist.migration.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.migration.MigrationException;
import org.archivist.migration.MigrationProgress;
import org.archivist.migration.MigrationProgress.Step;
import org.archivist.migration.MigrationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the migrating "process" at every step boundary and after chosen HTTP requests (the request reaches the
 * node, its answer is lost, nothing is closed or rolled back), then reruns it in a new "process": every time,
 * every archive ends verified, nothing was uploaded twice, and the index is the uninterrupted run's (the same
 * CID for a plain set; for an encrypted one, whose index ciphertext differs per sealing, the same plain index
 * and then the same CID on every later rerun).
 *
 * <p>The sets are as small as still shows every case: the partly encrypted one has one open and one token-gated
 * archive (every step kind for a plain and a sealed archive, a boundary between two archives, a sealed index),
 * the plain one a single archive (every step kind once). Kills in a separate JVM are {@link MigrationKillTest}'s.
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
        partlyEncrypted = SourceFixture.build(shared.resolve("mixed"), 1, 1, MigrationHarness.CIPHER);
        plain = SourceFixture.build(shared.resolve("plain"), 1, 0, MigrationHarness.CIPHER);
    }

    /** The uninterrupted run: its link, its plain index, its step events and its requests to the node. */
    private record Reference(String link, byte[] plainIndex, List<Step> steps, List<String> requests) {
    }

    private Reference reference(ArchiveDirectory source, String name) throws Exception {
        try (MigrationHarness h = new MigrationHarness(tmp.resolve(name), source)) {
            List<Step> steps = new ArrayList<>();
            h.restart();
            int before = h.proxy.requests().size();
            MigrationReport r = h.migrate(false, e -> steps.add(e.step()));
            assertTrue(r.complete(), r.summary());
            List<String> requests = h.proxy.requests().subList(before, h.proxy.requests().size());
            String link = r.link().orElseThrow();
            return new Reference(link, h.fetch(link).plainIndex(), steps, requests);
        }
    }

    @Test
    void aKillAtEveryStepBoundaryOfAPartlyEncryptedSetIsFollowedByACompleteRerun() throws Exception {
        Reference ref = reference(partlyEncrypted, "reference");
        assertEquals(2 * 4 + 4, ref.steps().size(), "steps of the reference run: " + ref.steps());
        assertEquals(EnumSet.complementOf(EnumSet.of(Step.SKIPPED)), EnumSet.copyOf(ref.steps()),
                "a kill after every kind of step");
        for (int k = 1; k <= ref.steps().size(); k++) {
            killAtStepThenRerun(partlyEncrypted, ref, k, false);
        }
    }

    @Test
    void aKillAtEveryStepBoundaryOfAPlainSetEndsWithTheSameIndexCid() throws Exception {
        Reference ref = reference(plain, "reference");
        assertEquals(EnumSet.complementOf(EnumSet.of(Step.SKIPPED)), EnumSet.copyOf(ref.steps()),
                "a kill after every kind of step");
        for (int k = 1; k <= ref.steps().size(); k++) {
            killAtStepThenRerun(plain, ref, k, true);
        }
    }

    /**
     * Kills after the requests whose lost answer matters most: every upload (each archive and the index: the
     * node has the content, the client does not know it), and the first and the last request of the run.
     */
    @Test
    void aKillAfterARequestIsFollowedByACompleteRerun() throws Exception {
        Reference ref = reference(partlyEncrypted, "reference");
        Set<Integer> points = new TreeSet<>(List.of(1, ref.requests().size()));
        for (int i = 0; i < ref.requests().size(); i++) {
            if (isUpload(ref.requests().get(i))) {
                points.add(i + 1);
            }
        }
        assertEquals(2 + 1, ref.requests().stream().filter(MigrationCrashTest::isUpload).count(),
                "two archives and the index uploaded: " + ref.requests());
        for (int n : points) {
            try (MigrationHarness h = new MigrationHarness(tmp.resolve("request-" + n), partlyEncrypted)) {
                h.restart();
                h.proxy.killAfter(n);
                String when = "killed after request " + n + " (" + ref.requests().get(n - 1) + ")";
                try {
                    MigrationReport r = h.migrate(false, e -> {
                        if (h.proxy.dead()) {
                            h.target.crash();
                            throw new CrashableBackend.SimulatedCrash();
                        }
                    });
                    if (!h.proxy.dead()) {
                        fail(when + ": the run ended before it: " + r.summary());
                    }
                } catch (CrashableBackend.SimulatedCrash | MigrationException expected) {
                    h.target.crash();
                }
                rerunAndCheck(h, ref, false, when);
            }
        }
    }

    private static boolean isUpload(String request) {
        return request.startsWith("POST ") && request.endsWith("/data");
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
        assertEquals(r.archives() + 1, h.uploads(), when + ": every archive and the index uploaded exactly once");
        MigrationReport again = h.run(false, MigrationProgress.NONE);
        assertEquals(link, again.link().orElseThrow(), when + ": a further rerun keeps the CID");
        assertEquals(r.archives() + 1, h.uploads(), when + ": a further rerun uploads nothing");
        MigrationHarness.Fetched got = MigrationRunTest.assertSameArchives(h, link);
        assertArrayEquals(ref.plainIndex(), got.plainIndex(), when + ": the same index");
    }
}
