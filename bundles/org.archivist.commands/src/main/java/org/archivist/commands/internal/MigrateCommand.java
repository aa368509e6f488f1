package org.archivist.commands.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.archivist.api.CommunityId;
import org.archivist.migration.MigrationReport;
import org.archivist.migration.MigrationRequest;
import org.archivist.migration.MigrationService;

/** {@code archive:migrate <community> [--dry-run]}: copies the community's set from BitTorrent to Codex. */
@Service
@Command(scope = "archive", name = "migrate", description = "Copies the community's archive set from one backend to"
        + " another (BitTorrent to Codex by default), each archive verified, journaled and resumable: run it again"
        + " after any interruption")
public class MigrateCommand implements Action {
    @Reference
    private MigrationService migration;

    @Argument(index = 0, name = "community", required = true, description = "The community id (0x + 66 hex digits)")
    @Completion(CommunityCompleter.class)
    private String community;

    @Option(name = "--dry-run", description = "Report what would move, its size and an estimate; change nothing")
    private boolean dryRun;

    @Option(name = "--from", description = "The source backend (storage.type)")
    private String from = "bittorrent";

    @Option(name = "--to", description = "The target backend (storage.type)")
    private String to = "codex";

    @Override
    public Object execute() throws Exception {
        CommunityId id = Communities.parse(community);
        MigrationReport r = migration.migrate(id, new MigrationRequest(from, to, dryRun),
                new MigrationProgressBar(System.out));
        System.out.println((r.dryRun() ? "Would migrate " : "Migrated ") + Communities.shortId(id) + " " + r.source()
                + " -> " + r.target());
        System.out.printf("Archives: %d (%d bytes); %s %d (%d bytes); verified %d; skipped %d; failed %d%n",
                r.archives(), r.bytes(), r.dryRun() ? "to upload" : "uploaded", r.uploaded(), r.uploadedBytes(),
                r.verified(), r.skipped(), r.failed());
        System.out.println((r.dryRun() ? "Estimate: " : "Took: ") + r.estimate().toSeconds() + " s");
        r.link().ifPresent(l -> System.out.println("Index: " + l));
        if (!r.dryRun() && !r.complete()) {
            System.out.println("Not complete: fix the failures above and run archive:migrate again");
        }
        return null;
    }
}
