package org.archivist.api.host;

import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The chat server's store of the Waku messages a control node received for its communities
 * (status-go's {@code waku_messages}, one row per message hash).
 */
@ConsumerType
public interface MessageStore {

    /**
     * The messages on any of {@code topics} with {@code range.from() <= timestamp < range.to()}, in
     * ascending timestamp order, streamed: the caller closes the stream and never holds it all in memory.
     */
    Stream<ArchivedMessage> messages(CommunityId community, Set<ContentTopic> topics, TimeRange range);

    /** The oldest timestamp stored on any of {@code topics}, in seconds; empty when there is none. */
    OptionalLong oldestTimestamp(CommunityId community, Set<ContentTopic> topics);
}
