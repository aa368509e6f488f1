package org.archivist.core.owner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.api.host.MessageStore;

/**
 * A message store over a list held in memory, sorted by timestamp (ties keep their order), for offline
 * tools (the command line's {@code build}) and tests. Every community sees the same messages.
 */
public final class ListMessageStore implements MessageStore {
    private final List<ArchivedMessage> messages;

    public ListMessageStore(Collection<ArchivedMessage> messages) {
        List<ArchivedMessage> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparingLong(ArchivedMessage::timestamp));
        this.messages = List.copyOf(sorted);
    }

    @Override
    public Stream<ArchivedMessage> messages(CommunityId community, Set<ContentTopic> topics, TimeRange range) {
        return messages.stream().filter(m -> range.contains(m.timestamp()) && topics.contains(m.topic()));
    }

    @Override
    public OptionalLong oldestTimestamp(CommunityId community, Set<ContentTopic> topics) {
        return messages.stream().filter(m -> topics.contains(m.topic())).mapToLong(ArchivedMessage::timestamp).min();
    }
}
