package org.archivist.tool.fuzz;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;

/**
 * {@code archivist fuzz <target>|all --inputs N [--seed S] [--corpus <dir>]}: feeds a decoder N seeded
 * mutations of valid inputs and reports inputs/s and every failure that is not one of its typed
 * rejections (exit 1 when there is one).
 */
public final class FuzzCommand implements Command {
    @Override
    public String name() {
        return "fuzz";
    }

    @Override
    public String usage() {
        return "fuzz <" + FuzzTargets.all().stream().map(FuzzTarget::name).collect(Collectors.joining("|"))
                + "|all> [--inputs N] [--seed S] [--corpus <dir of .hex files>]\n"
                + "         mutation-based fuzzing of a decoder; prints inputs/s and any failure that is not a typed"
                + " rejection (exit 1 then)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Flags flags = Flags.parse(args, Set.of("inputs", "seed", "corpus"));
        if (flags.positional().size() != 1) {
            throw new UsageException("give one target: " + usage().split("\n")[0]);
        }
        long inputs = flags.positiveLong("inputs", 100_000);
        long seed = flags.longOr("seed", 1);
        String name = flags.positional().get(0);
        List<FuzzTarget> targets = name.equals("all") ? FuzzTargets.all()
                : List.of(FuzzTargets.named(name).orElseThrow(() -> new UsageException("unknown target '" + name + "'")));
        Optional<Path> corpusDir = flags.optional("corpus").map(Path::of);
        int status = 0;
        for (FuzzTarget t : targets) {
            List<byte[]> corpus = corpusDir.isPresent() ? corpus(corpusDir.get().resolve(t.name())) : List.of();
            FuzzRun.Result r = FuzzRun.run(t, inputs, seed, corpus);
            out.printf("%-12s %,d inputs in %.1f s: %,.0f inputs/s, %,d accepted, %,d typed rejections, %d other"
                    + " failures, slowest input %.1f ms%n", r.target(), r.inputs(), r.nanos() / 1e9,
                    r.inputsPerSecond(), r.accepted(), r.rejected(), r.failures().size(), r.slowestNanos() / 1e6);
            for (String f : r.failures()) {
                out.println("  FAILURE " + f);
                status = 1;
            }
        }
        return status;
    }

    /** The {@code .hex} files of a corpus directory (one input each, hex digits, whitespace ignored). */
    public static List<byte[]> corpus(Path dir) throws java.io.IOException {
        List<byte[]> inputs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return inputs;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".hex")).sorted().toList()) {
                inputs.add(HexFormat.of().parseHex(Files.readString(p).replaceAll("\\s", "")));
            }
        }
        return inputs;
    }
}
