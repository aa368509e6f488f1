package org.archivist.tool.fuzz;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Runs one target over its seeds, a fixed corpus and {@code inputs} mutations, and counts the outcomes. */
public final class FuzzRun {
    /** What a run found. */
    public record Result(String target, long inputs, long accepted, long rejected, List<String> failures,
            long nanos, long slowestNanos) {
        public double inputsPerSecond() {
            return nanos == 0 ? 0 : inputs * 1e9 / nanos;
        }
    }

    private static final int MAX_REPORTED = 10;

    private FuzzRun() {
    }

    public static Result run(FuzzTarget target, long inputs, long seed, List<byte[]> corpus) throws Exception {
        List<byte[]> pool = new ArrayList<>(target.seeds());
        pool.addAll(corpus);
        Mutator mutator = new Mutator(seed);
        long accepted = 0;
        long rejected = 0;
        long slowest = 0;
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        long total = pool.size() + inputs;
        for (long i = 0; i < total; i++) {
            byte[] input = i < pool.size() ? pool.get((int) i) : mutator.mutate(pool);
            long t0 = System.nanoTime();
            try {
                target.decode(input);
                accepted++;
            } catch (Throwable t) {
                if (target.typed(t)) {
                    rejected++;
                } else if (failures.size() < MAX_REPORTED) {
                    failures.add(t.getClass().getName() + ": " + t.getMessage() + " on input #" + i + " ("
                            + input.length + " bytes) " + hex(input));
                } else if (failures.size() == MAX_REPORTED) {
                    failures.add("(more failures not listed)");
                }
            }
            slowest = Math.max(slowest, System.nanoTime() - t0);
        }
        return new Result(target.name(), total, accepted, rejected, failures, System.nanoTime() - start, slowest);
    }

    private static String hex(byte[] input) {
        String h = HexFormat.of().formatHex(input, 0, Math.min(input.length, 256));
        return input.length > 256 ? h + "..." : h;
    }
}
