package org.archivist.monitoring.internal;

import java.util.Optional;
import java.util.OptionalLong;

import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveEvent;
import org.osgi.service.event.Event;

/** An {@link ArchiveEvent} read back from the EventAdmin event the scheduler posted (properties as documented there). */
final class ArchiveEvents {
    private ArchiveEvents() {
    }

    /** The archive event, or empty when the topic or the community is not one of ours. */
    static Optional<ArchiveEvent> of(Event event) {
        String topic = event.getTopic();
        if (!(event.getProperty(ArchiveEvent.COMMUNITY) instanceof String hex) || !topic.startsWith(ArchiveEvent.TOPIC_PREFIX)) {
            return Optional.empty();
        }
        try {
            ArchiveEvent.Type type = ArchiveEvent.Type.valueOf(topic.substring(ArchiveEvent.TOPIC_PREFIX.length()));
            CommunityId id = CommunityId.of(hex);
            Optional<TimeRange> range = event.getProperty(ArchiveEvent.FROM) instanceof Number from
                    && event.getProperty(ArchiveEvent.TO) instanceof Number to
                    ? Optional.of(TimeRange.of(from.longValue(), to.longValue())) : Optional.empty();
            OptionalLong bytes = event.getProperty(ArchiveEvent.BYTES) instanceof Number b && b.longValue() >= 0
                    ? OptionalLong.of(b.longValue()) : OptionalLong.empty();
            Optional<String> reason = event.getProperty(ArchiveEvent.REASON) instanceof String r ? Optional.of(r)
                    : Optional.empty();
            return Optional.of(new ArchiveEvent(type, id, range, bytes, reason));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
