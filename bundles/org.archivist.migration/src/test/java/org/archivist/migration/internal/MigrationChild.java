package org.archivist.migration.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import org.archivist.api.storage.StorageBackend;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.migration.ArchiveSources;
import org.archivist.migration.MigrationReport;
import org.archivist.migration.Migrator;
import org.archivist.storage.codex.CodexBackends;

/**
 * A migration in its own JVM, for {@link MigrationKillTest}: {@code <sourceDir> <codexUrl> <root> [stepwise]}.
 * Prints {@code STEP <n> <step>} at every step (and, when stepwise, waits for a line on stdin before going on,
 * so that the parent can kill it exactly there), then {@code REPORT <uploaded> <verified> <archives> <complete>}
 * and {@code LINK <cid>}.
 */
public final class MigrationChild {
    private MigrationChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        boolean stepwise = args.length > 3 && args[3].equals("stepwise");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Path root = Path.of(args[2]);
        ArchiveDirectory source = ArchiveDirectory.open(Path.of(args[0]), SourceFixture.COMMUNITY,
                Optional.of(MigrationHarness.CIPHER));
        int[] n = {0};
        try (CodexBackends.ConnectedCodex codex = CodexBackends.connect(URI.create(args[1]), root.resolve("codex-state"))) {
            MigrationReport r = new Migrator(root.resolve("journal"), Optional.of(MigrationHarness.CIPHER))
                    .migrate(SourceFixture.COMMUNITY, ArchiveSources.of(source), StorageBackend.CODEX, codex.backend(),
                            false, e -> {
                                out.println("STEP " + (++n[0]) + " " + e.step());
                                if (stepwise) {
                                    try {
                                        in.readLine();
                                    } catch (java.io.IOException ex) {
                                        throw new java.io.UncheckedIOException(ex);
                                    }
                                }
                            });
            out.println("REPORT " + r.uploaded() + " " + r.verified() + " " + r.archives() + " " + r.complete());
            out.println("LINK " + r.link().orElse("-"));
        }
        System.exit(0);
    }
}
