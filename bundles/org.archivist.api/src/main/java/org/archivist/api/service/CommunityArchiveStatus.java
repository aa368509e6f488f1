package org.archivist.api.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.archivist.api.CommunityId;

/**
 * A community's archive state as this node knows it: which backends it uses, the end of the last
 * archived partition, the links it last announced or saw, how many archives it holds and imported, and
 * which of its backends are not registered now (its work there is paused until they return), and when its next
 * run is due.
 *
 * @param archives on the control node, the archives its committed sets hold (one per partition, however many
 *                 backends hold it); on a member, the archives it downloaded (or holds from another backend)
 * @param nextRun  when the scheduler runs the community's archiving next (its interval or a retry after a
 *                 failure, whichever is sooner); empty when nothing is scheduled (a member, or an owner not
 *                 archiving); since 1.4
 * @param lastError why the community's last download or run did not complete (say the node's storage limit), until
 *                 one completes; empty when nothing failed since; since 1.5
 */
public record CommunityArchiveStatus(CommunityId community, Set<String> backends, boolean controlNode,
        OptionalLong lastArchiveEnd, Set<String> links, int archives, int imported, Set<String> unavailableBackends,
        Optional<Instant> nextRun, Optional<String> lastError) {
    public CommunityArchiveStatus {
        Objects.requireNonNull(community, "community");
        backends = Set.copyOf(backends);
        links = Set.copyOf(links);
        unavailableBackends = Set.copyOf(unavailableBackends == null ? Set.of() : unavailableBackends);
        nextRun = nextRun == null ? Optional.empty() : nextRun;
        lastError = lastError == null ? Optional.empty() : lastError;
    }

    /** A status without a last error (the shape before 1.5). */
    public CommunityArchiveStatus(CommunityId community, Set<String> backends, boolean controlNode,
            OptionalLong lastArchiveEnd, Set<String> links, int archives, int imported, Set<String> unavailableBackends,
            Optional<Instant> nextRun) {
        this(community, backends, controlNode, lastArchiveEnd, links, archives, imported, unavailableBackends, nextRun,
                Optional.empty());
    }

    /** A status without a scheduled run (the shape before 1.4). */
    public CommunityArchiveStatus(CommunityId community, Set<String> backends, boolean controlNode,
            OptionalLong lastArchiveEnd, Set<String> links, int archives, int imported, Set<String> unavailableBackends) {
        this(community, backends, controlNode, lastArchiveEnd, links, archives, imported, unavailableBackends,
                Optional.empty());
    }

    /** A status with every backend available. */
    public CommunityArchiveStatus(CommunityId community, Set<String> backends, boolean controlNode,
            OptionalLong lastArchiveEnd, Set<String> links, int archives, int imported) {
        this(community, backends, controlNode, lastArchiveEnd, links, archives, imported, Set.of());
    }

    /** Whether some of the community's backends are missing, so that its archiving is paused on them. */
    public boolean paused() {
        return !unavailableBackends.isEmpty();
    }
}
