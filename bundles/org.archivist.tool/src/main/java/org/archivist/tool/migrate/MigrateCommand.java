package org.archivist.tool.migrate;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.migration.ArchiveSources;
import org.archivist.migration.MigrationException;
import org.archivist.migration.MigrationReport;
import org.archivist.migration.Migrator;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;
import org.archivist.tool.archive.Ciphers;

/**
 * {@code archivist migrate}: copies a community's BitTorrent-layout set ({@code <data-dir>/<community>/{data,
 * index}}) to a Codex node, verified and resumable (the journal and the Codex backend's state live under
 * {@code --state-dir}, by default {@code <data-dir>/archivist-migration}). Progress goes to stderr; the last
 * stdout line is the index CID alone.
 */
public final class MigrateCommand implements Command {
    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public String usage() {
        return "migrate <data-dir>/<community> --codex <url> [--dry-run] [--encrypt-key <hex32>] [--state-dir <dir>]"
                + " [--api-prefix /api/storage/v1]\n"
                + "         copy the archive set to a Codex node (verified, resumable: run again after a crash);"
                + " prints the index CID";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Flags flags = Flags.parse(args, Set.of("codex", "encrypt-key", "state-dir", "api-prefix"), Set.of("dry-run"));
        if (flags.positional().size() != 1) {
            throw new UsageException("give exactly one directory, <data-dir>/<community>");
        }
        Path dir = Path.of(flags.positional().get(0)).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            err.println("archivist migrate: " + dir + " is not a directory");
            return 1;
        }
        CommunityId community;
        try {
            community = CommunityId.of(dir.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new UsageException("the directory must be named after the community: " + e.getMessage());
        }
        URI codex;
        try {
            codex = URI.create(flags.required("codex"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--codex is not a URL: " + e.getMessage());
        }
        boolean dryRun = flags.has("dry-run");
        Optional<ArchiveCipher> cipher = Ciphers.fromFlag(flags.optional("encrypt-key"));
        Path stateDir = flags.optional("state-dir").map(Path::of)
                .orElse(dir.getParent().resolve("archivist-migration")).toAbsolutePath();
        try (CodexTarget target = CodexTarget.open(codex, flags.optional("api-prefix"), stateDir.resolve("codex-state"))) {
            ArchiveDirectory source = ArchiveDirectory.existing(dir.getParent(), community, cipher);
            Migrator migrator = new Migrator(stateDir.resolve("journal"), cipher);
            MigrationReport report = migrator.migrate(community, ArchiveSources.of(source), StorageBackend.CODEX,
                    target.backend(), dryRun, new StderrProgress(err));
            err.println("archivist migrate: " + report.summary());
            if (dryRun) {
                return 0;
            }
            if (report.failed() > 0 || report.link().isEmpty()) {
                err.println("archivist migrate: " + report.failed() + " archive(s) failed; nothing was committed."
                        + " Fix the cause and run again: what was done is journaled in " + stateDir);
                return 1;
            }
            out.println(report.link().get());
            return 0;
        } catch (MigrationException e) {
            err.println("archivist migrate: " + e.getMessage()
                    + (e.retryable() ? "" : (cipher.isEmpty() ? " (encrypted sets need --encrypt-key)" : "")));
            return 1;
        } catch (ArchivistException | IOException e) {
            err.println("archivist migrate: " + e.getMessage());
            return 1;
        }
    }
}
