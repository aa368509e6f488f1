package org.archivist.api.service;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

import org.archivist.api.CommunityId;

/**
 * A community's archive state as this node knows it: which backends it uses, the end of the last
 * archived partition, the links it last announced or saw, how many archives it holds and imported, and
 * which of its backends are not registered now (its work there is paused until they return).
 */
public record CommunityArchiveStatus(CommunityId community, Set<String> backends, boolean controlNode,
        OptionalLong lastArchiveEnd, Set<String> links, int archives, int imported, Set<String> unavailableBackends) {
    public CommunityArchiveStatus {
        Objects.requireNonNull(community, "community");
        backends = Set.copyOf(backends);
        links = Set.copyOf(links);
        unavailableBackends = Set.copyOf(unavailableBackends == null ? Set.of() : unavailableBackends);
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
