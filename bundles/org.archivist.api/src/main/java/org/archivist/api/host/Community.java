package org.archivist.api.host;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;

/**
 * What Archivist needs to know of a community: its id, the content topics of its chats (in the host's chat
 * order, distinct: status-go hashes the topics in that order, so callers keep it), whether its
 * archives are encrypted (token-gated), whether this node is its control node, and whether this node
 * has joined it.
 */
public record Community(CommunityId id, List<ContentTopic> topics, boolean encrypted, boolean controlNode,
        boolean joined) {
    public Community {
        Objects.requireNonNull(id, "id");
        topics = List.copyOf(new LinkedHashSet<>(topics));
    }
}
