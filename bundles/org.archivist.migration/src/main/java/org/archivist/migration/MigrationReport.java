package org.archivist.migration;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.archivist.api.CommunityId;

/**
 * The outcome of a migration run (or of a dry run's plan).
 *
 * @param archives      archives in the source set
 * @param bytes         their blob bytes
 * @param uploaded      archives handed to the target in this run (a backend that already holds the content
 *                      does not transfer it again)
 * @param uploadedBytes their bytes
 * @param verified      archives whose bytes were fetched back from the target and matched (in this or an
 *                      earlier run)
 * @param skipped       archives the target already had (in its committed set, or journaled by an earlier run)
 * @param failed        archives that could not be read, stored or verified; the index is not committed then
 * @param link          the target's link after the run (its index CID), empty on a dry run or a failure
 * @param estimate      dry run: the time the uploads would take at the assumed rate; otherwise the time taken
 */
public record MigrationReport(CommunityId community, String source, String target, boolean dryRun, int archives,
        long bytes, int uploaded, long uploadedBytes, int verified, int skipped, int failed, Optional<String> link,
        Duration estimate) {
    public MigrationReport {
        Objects.requireNonNull(community, "community");
        link = link == null ? Optional.empty() : link;
        Objects.requireNonNull(estimate, "estimate");
    }

    /** Whether every archive is on the target, verified, under a committed index. */
    public boolean complete() {
        return !dryRun && failed == 0 && link.isPresent() && verified == archives;
    }

    /** One line for logs and the shell. */
    public String summary() {
        return String.format("%s %s -> %s%s: %d archives, %d bytes; uploaded %d (%d bytes), verified %d, skipped %d,"
                + " failed %d%s; %s %ds", community, source, target, dryRun ? " (dry run)" : "", archives, bytes,
                uploaded, uploadedBytes, verified, skipped, failed, link.map(l -> "; index " + l).orElse(""),
                dryRun ? "estimate" : "took", estimate.toSeconds());
    }
}
