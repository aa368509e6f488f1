package org.archivist.tool.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The regression corpus (hostile inputs that once mattered: 2 GB length claims, varint overflows, nesting)
 * and a short seeded fuzz run per decoder, in every build; {@code archivist fuzz} runs the long ones.
 */
class FuzzRegressionTest {
    private static final long INPUTS = Long.getLong("fuzz.inputs", 5_000);

    @ParameterizedTest
    @ValueSource(strings = {"index", "archive", "envelope", "manifest", "cid", "bencode", "torrent", "magnet",
        "announcement", "frame", "signed"})
    void everyRejectionIsTyped(String name) throws Exception {
        FuzzTarget target = FuzzTargets.named(name).orElseThrow();
        List<byte[]> corpus = FuzzCommand.corpus(Path.of("src/test/resources/fuzz-corpus").resolve(name));
        assertTrue(corpus.size() >= 3, "the regression corpus of " + name + " is missing");
        FuzzRun.Result r = FuzzRun.run(target, INPUTS, 42, corpus);
        assertEquals(List.of(), r.failures(), name + ": non-typed failures");
        assertTrue(r.rejected() > r.inputs() / 2, name + ": most mutations must be rejected, " + r);
        assertTrue(r.accepted() >= target.seeds().size(), name + ": the valid seeds must decode, " + r);
    }
}
