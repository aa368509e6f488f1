package org.archivist.api.service;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

import org.archivist.api.CommunityId;

/**
 * A community's archive state as this node knows it: which backends it uses, the end of the last
 * archived partition, the links it last announced or saw, and how many archives it holds and imported.
 */
public record CommunityArchiveStatus(CommunityId community, Set<String> backends, boolean controlNode,
        OptionalLong lastArchiveEnd, Set<String> links, int archives, int imported) {
    public CommunityArchiveStatus {
        Objects.requireNonNull(community, "community");
        backends = Set.copyOf(backends);
        links = Set.copyOf(links);
    }
}
