package org.archivist.webconsole.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveEvent;
import org.osgi.service.event.Event;

/**
 * What each community's archive events (EventAdmin, properties as {@link ArchiveEvent} documents them) added up
 * to since the console started: failures with the last error, bytes published and fetched, the last run. Each
 * event updates one small immutable record; the page reads them without locking.
 */
final class Activity {
    /**
     * One community's activity; {@code lastError} and {@code lastErrorAt} are set together. {@code archiving}: a
     * run announced itself ({@code CREATING}) and has not ended yet ({@code CREATED} or {@code NONE_CREATED});
     * {@code seeding}: the last of {@code SEEDING} (true) and {@code UNSEEDED} (false), empty before either.
     */
    record Snapshot(long failures, Optional<String> lastError, Optional<Instant> lastErrorAt, long bytesStored,
            long bytesFetched, Optional<Instant> lastRun, boolean archiving, Optional<Boolean> seeding) {
        static final Snapshot NONE = new Snapshot(0, Optional.empty(), Optional.empty(), 0, 0, Optional.empty(), false,
                Optional.empty());

        Snapshot with(ArchiveEvent e, Instant at) {
            long bytes = e.bytes().orElse(0);
            return switch (e.type()) {
                case FAILED -> new Snapshot(failures + 1, Optional.of(e.reason().orElse("(no reason given)")),
                        Optional.of(at), bytesStored, bytesFetched, lastRun, archiving, seeding);
                case CREATING -> new Snapshot(failures, lastError, lastErrorAt, bytesStored, bytesFetched, lastRun,
                        true, seeding);
                case CREATED -> new Snapshot(failures, lastError, lastErrorAt, bytesStored + bytes, bytesFetched,
                        Optional.of(at), false, seeding);
                case NONE_CREATED -> new Snapshot(failures, lastError, lastErrorAt, bytesStored, bytesFetched,
                        Optional.of(at), false, seeding);
                case FINISHED -> new Snapshot(failures, lastError, lastErrorAt, bytesStored, bytesFetched,
                        Optional.of(at), archiving, seeding);
                case ARCHIVE_DOWNLOADED -> new Snapshot(failures, lastError, lastErrorAt, bytesStored,
                        bytesFetched + bytes, lastRun, archiving, seeding);
                case SEEDING, UNSEEDED -> new Snapshot(failures, lastError, lastErrorAt, bytesStored, bytesFetched,
                        lastRun, archiving, Optional.of(e.type() == ArchiveEvent.Type.SEEDING));
                default -> this;
            };
        }
    }

    private final Map<CommunityId, Snapshot> byCommunity = new ConcurrentHashMap<>();

    void on(ArchiveEvent e, Instant at) {
        byCommunity.merge(e.community(), Snapshot.NONE.with(e, at), (old, ignored) -> old.with(e, at));
    }

    /** An EventAdmin event of the scheduler's; anything else is ignored. */
    void on(Event event, Instant at) {
        of(event).ifPresent(e -> on(e, at));
    }

    Snapshot of(CommunityId id) {
        return byCommunity.getOrDefault(id, Snapshot.NONE);
    }

    static Optional<ArchiveEvent> of(Event event) {
        String topic = event.getTopic();
        if (!(event.getProperty(ArchiveEvent.COMMUNITY) instanceof String hex)
                || !topic.startsWith(ArchiveEvent.TOPIC_PREFIX)) {
            return Optional.empty();
        }
        try {
            ArchiveEvent.Type type = ArchiveEvent.Type.valueOf(topic.substring(ArchiveEvent.TOPIC_PREFIX.length()));
            Optional<TimeRange> range = event.getProperty(ArchiveEvent.FROM) instanceof Number from
                    && event.getProperty(ArchiveEvent.TO) instanceof Number to
                    ? Optional.of(TimeRange.of(from.longValue(), to.longValue())) : Optional.empty();
            OptionalLong bytes = event.getProperty(ArchiveEvent.BYTES) instanceof Number b && b.longValue() >= 0
                    ? OptionalLong.of(b.longValue()) : OptionalLong.empty();
            Optional<String> reason = event.getProperty(ArchiveEvent.REASON) instanceof String r ? Optional.of(r)
                    : Optional.empty();
            return Optional.of(new ArchiveEvent(type, CommunityId.of(hex), range, bytes, reason));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }
}
