package org.archivist.scheduler.internal;

import java.util.HashMap;
import java.util.Map;

import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveEventListener;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.StorageUsage;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts archive events to EventAdmin under {@link ArchiveEvent.Type#topic()} with the properties
 * {@code community} (hex id), for ranged events {@code from} and {@code to} (Unix seconds, Long), {@code bytes}
 * (Long) when the event carries a byte count and {@code reason} (String) on failures.
 */
final class EventAdminPublisher implements ArchiveEventListener, StorageEvents {
    private volatile EventAdmin eventAdmin;

    void set(EventAdmin admin) {
        eventAdmin = admin;
    }

    void unset(EventAdmin admin) {
        if (eventAdmin == admin) {
            eventAdmin = null;
        }
    }

    @Override
    public void on(ArchiveEvent event) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(toEvent(event));
        }
    }

    /** Posts {@link NodeStorage#RELEASED_TOPIC}. */
    @Override
    public void released(ReleasableCopy copy) {
        Map<String, Object> props = new HashMap<>();
        props.put(NodeStorage.HOLDER, copy.holder());
        props.put(NodeStorage.KIND, copy.kind().name());
        props.put(NodeStorage.ID, copy.id());
        props.put(NodeStorage.BYTES, copy.bytes());
        copy.community().ifPresent(c -> props.put(NodeStorage.COMMUNITY, c.hex()));
        post(new Event(NodeStorage.RELEASED_TOPIC, props));
    }

    /** Posts {@link NodeStorage#LIMIT_REACHED_TOPIC}. */
    @Override
    public void limitReached(StorageUsage usage, long neededBytes, String what) {
        post(new Event(NodeStorage.LIMIT_REACHED_TOPIC, Map.of(NodeStorage.USED_BYTES, usage.usedBytes(),
                NodeStorage.MAX_BYTES, usage.maxBytes(), NodeStorage.NEEDED_BYTES, neededBytes, NodeStorage.WHAT,
                what)));
    }

    private void post(Event event) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(event);
        }
    }

    static Event toEvent(ArchiveEvent event) {
        Map<String, Object> props = new HashMap<>();
        props.put(ArchiveEvent.COMMUNITY, event.community().hex());
        event.range().ifPresent(r -> {
            props.put(ArchiveEvent.FROM, r.from());
            props.put(ArchiveEvent.TO, r.to());
        });
        event.bytes().ifPresent(b -> props.put(ArchiveEvent.BYTES, b));
        event.reason().ifPresent(r -> props.put(ArchiveEvent.REASON, r));
        return new Event(event.type().topic(), props);
    }
}
