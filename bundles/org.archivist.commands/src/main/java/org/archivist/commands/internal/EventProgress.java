package org.archivist.commands.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveEvent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Follows one community's archive events (posted to EventAdmin by the scheduler) while a command runs, so
 * that a long operation shows what it is doing. Closing it unregisters the handler.
 */
final class EventProgress implements AutoCloseable {
    private final LinkedBlockingQueue<ArchiveEvent> events = new LinkedBlockingQueue<>();
    private final ServiceRegistration<EventHandler> registration;
    private final long started = System.nanoTime();

    EventProgress(BundleContext context, CommunityId community) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, ArchiveEvent.TOPIC_PREFIX + "*");
        props.put(EventConstants.EVENT_FILTER, "(" + ArchiveEvent.COMMUNITY + "=" + community.hex() + ")");
        EventHandler handler = event -> toArchiveEvent(community, event).ifPresent(events::add);
        registration = context.registerService(EventHandler.class, handler, props);
    }

    static Optional<ArchiveEvent> toArchiveEvent(CommunityId community, Event event) {
        String topic = event.getTopic();
        if (!topic.startsWith(ArchiveEvent.TOPIC_PREFIX)) {
            return Optional.empty();
        }
        ArchiveEvent.Type type;
        try {
            type = ArchiveEvent.Type.valueOf(topic.substring(ArchiveEvent.TOPIC_PREFIX.length()));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
        Object from = event.getProperty(ArchiveEvent.FROM);
        Object to = event.getProperty(ArchiveEvent.TO);
        if (from instanceof Number f && to instanceof Number t && f.longValue() < t.longValue()) {
            return Optional.of(ArchiveEvent.of(type, community, TimeRange.of(f.longValue(), t.longValue())));
        }
        return Optional.of(ArchiveEvent.of(type, community));
    }

    /** The next event within {@code wait}, if one came. */
    Optional<ArchiveEvent> next(Duration wait) throws InterruptedException {
        return Optional.ofNullable(events.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Prints every event received so far. */
    void drain(PrintStream out) {
        ArchiveEvent e;
        while ((e = events.poll()) != null) {
            print(e, out);
        }
    }

    void print(ArchiveEvent event, PrintStream out) {
        out.printf("[%6.1fs] %s%n", (System.nanoTime() - started) / 1e9, describe(event));
        out.flush();
    }

    static String describe(ArchiveEvent e) {
        String range = e.range().map(r -> " " + Instant.ofEpochSecond(r.from()) + " .. " + Instant.ofEpochSecond(r.to()))
                .orElse("");
        return switch (e.type()) {
            case CREATING -> "creating archives";
            case CREATED -> "archives created:" + range;
            case NONE_CREATED -> "no message to archive in" + range;
            case SEEDING -> "seeding and announcing";
            case UNSEEDED -> "unseeded";
            case ANNOUNCED -> "link announced";
            case DOWNLOAD_STARTED -> "download started";
            case ARCHIVE_DOWNLOADED -> "archive downloaded:" + range;
            case IMPORTING -> "importing" + range;
            case FINISHED -> "download and import finished";
            case FAILED -> "failed" + range + ": " + e.reason().orElse("(no reason given)");
        };
    }

    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
    }
}
