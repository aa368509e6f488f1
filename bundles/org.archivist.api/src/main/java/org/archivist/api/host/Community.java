package org.archivist.api.host;

import java.util.Objects;
import java.util.Set;

import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;

/**
 * What Archivist needs to know of a community: its id, the content topics of its chats, whether its
 * archives are encrypted (token-gated), whether this node is its control node, and whether this node
 * has joined it.
 */
public record Community(CommunityId id, Set<ContentTopic> topics, boolean encrypted, boolean controlNode,
        boolean joined) {
    public Community {
        Objects.requireNonNull(id, "id");
        topics = Set.copyOf(topics);
    }
}
