package org.archivist.core.owner;

import java.util.Collection;
import java.util.List;

import org.archivist.api.ContentTopic;

/**
 * The topic list that goes into archive metadata (and so into archive ids): the host's order when it
 * gives one (a {@link List}, as status-go keeps its chats' order), never re-sorted. An unordered set has
 * no host order to keep, and its iteration order may differ between JVMs, so it is sorted to stay
 * deterministic.
 */
final class TopicOrder {
    private TopicOrder() {
    }

    static List<ContentTopic> of(Collection<ContentTopic> topics) {
        if (topics instanceof List<ContentTopic> ordered) {
            return List.copyOf(ordered);
        }
        return topics.stream().sorted().toList();
    }
}
