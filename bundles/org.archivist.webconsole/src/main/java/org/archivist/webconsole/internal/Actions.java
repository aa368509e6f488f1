package org.archivist.webconsole.internal;

import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.ArchiveSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's actions: archive now, verify, and a migration in two steps (plan, then confirm). Each ends in a
 * sentence for the operator; a migration plan also in a confirmation the page asks for.
 */
final class Actions {
    static final String ARCHIVE = "archive";
    static final String VERIFY = "verify";
    static final String MIGRATE = "migrate";
    static final String CONFIRM_MIGRATION = "confirm-migration";
    static final String SOURCE = "bittorrent";
    static final String TARGET = "codex";
    private static final Logger LOG = LoggerFactory.getLogger(Actions.class);

    /** A migration planned and waiting for the operator's confirmation. */
    record PendingMigration(CommunityId community, String source, String target, String plan) {
    }

    /** A planned migration as the page asks to confirm it: the token to post back with it. */
    record Confirmation(String token, PendingMigration migration) {
    }

    /** What an action did: the sentence to show, and a confirmation to ask for. */
    record Result(String message, Optional<String> confirmation) {
        static Result said(String message) {
            return new Result(message, Optional.empty());
        }
    }

    private final Tokens<PendingMigration> pending = new Tokens<>();
    private final Migrations migrations;
    private final ArchiveRuns runs;

    Actions(Migrations migrations, ArchiveRuns runs) {
        this.migrations = migrations;
        this.runs = runs;
    }

    Optional<Confirmation> pending(String token) {
        return pending.get(token).map(p -> new Confirmation(token, p));
    }

    Result perform(ArchiveService s, Optional<MigrationRunner> runner, String action, String community,
            String confirmation) {
        if (action == null || !List.of(ARCHIVE, VERIFY, MIGRATE, CONFIRM_MIGRATION).contains(action)) {
            return Result.said("unknown action");
        }
        if (s == null) {
            return Result.said("the archive service is not running");
        }
        CommunityId id;
        try {
            id = CommunityId.of(community);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Result.said("not a community id");
        }
        try {
            return switch (action) {
                case ARCHIVE -> archive(s, id);
                case VERIFY -> Result.said(verified(id, s.verifyArchives(id)));
                case MIGRATE -> plan(runner, id);
                default -> confirm(runner, id, confirmation);
            };
        } catch (ArchivistException | RuntimeException e) {
            LOG.warn("{} failed for {}", action, id, e);
            return Result.said(action + " failed for " + id + ": " + e.getMessage());
        }
    }

    /** Starts the run in the background: the page shows the community as archiving and the new bar when done. */
    private Result archive(ArchiveService s, CommunityId id) {
        var status = s.community(id);
        if (status.isEmpty()) {
            return Result.said("archive failed for " + id + ": no archive configuration for it");
        }
        if (!status.get().controlNode()) {
            return Result.said("archive failed for " + id + ": this node is a member, only the owner archives");
        }
        return Result.said(runs.start(s, id) ? "archive run started for " + id
                : "an archive run of " + id + " is already running");
    }

    static String verified(CommunityId id, List<ArchiveSummary> checked) {
        long ok = checked.stream().filter(ArchiveSummary::verified).count();
        return ok == checked.size() ? "verified: all " + checked.size() + " archive(s) of " + id + " are sound"
                : "verify: " + (checked.size() - ok) + " of " + checked.size() + " archive(s) of " + id
                        + " are NOT sound (see the log)";
    }

    private Result plan(Optional<MigrationRunner> runner, CommunityId id) throws ArchivistException {
        if (runner.isEmpty()) {
            return Result.said("migrations are not available: the archivist-migration feature is not running");
        }
        if (migrations.running(id)) {
            return Result.said("a migration of " + id + " is already running");
        }
        String plan = runner.get().plan(id, SOURCE, TARGET);
        return new Result("migration planned for " + id + ": confirm to start",
                Optional.of(pending.put(new PendingMigration(id, SOURCE, TARGET, plan))));
    }

    private Result confirm(Optional<MigrationRunner> runner, CommunityId id, String confirmation) {
        Optional<PendingMigration> p = pending.take(confirmation);
        if (p.isEmpty() || !p.get().community().equals(id)) {
            return Result.said("no migration of " + id + " is waiting for confirmation: plan it again");
        }
        if (runner.isEmpty()) {
            return Result.said("migrations are not available: the archivist-migration feature is not running");
        }
        return Result.said(migrations.start(runner.get(), id, p.get().source(), p.get().target())
                ? "migration of " + id + " from " + p.get().source() + " to " + p.get().target() + " started"
                : "a migration of " + id + " is already running");
    }
}
