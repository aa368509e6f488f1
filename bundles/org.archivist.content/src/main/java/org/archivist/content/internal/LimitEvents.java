package org.archivist.content.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.archivist.api.content.ContentEvents;
import org.archivist.api.content.StorageUsage;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts the storage limit's {@link ContentEvents} to EventAdmin while one is bound (none: only logged). */
final class LimitEvents implements StorageLimitListener {
    private static final Logger LOG = LoggerFactory.getLogger(LimitEvents.class);
    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();

    void bind(EventAdmin admin) {
        eventAdmin.set(admin);
    }

    void unbind(EventAdmin admin) {
        eventAdmin.compareAndSet(admin, null);
    }

    @Override
    public void reached(StorageUsage usage, long neededBytes, String what) {
        LOG.warn("storage limit reached: {} refused ({} bytes needed, {} of {} in use)", what, neededBytes,
                usage.usedBytes(), usage.maxBytes());
        post(ContentEvents.STORAGE_LIMIT_REACHED, Map.of(ContentEvents.USED_BYTES, usage.usedBytes(),
                ContentEvents.MAX_BYTES, usage.maxBytes(), ContentEvents.NEEDED_BYTES, neededBytes,
                ContentEvents.WHAT, what));
    }

    @Override
    public void cleared(StorageUsage usage) {
        LOG.info("storage limit cleared: {} of {} bytes in use", usage.usedBytes(), usage.maxBytes());
        post(ContentEvents.STORAGE_LIMIT_CLEARED, Map.of(ContentEvents.USED_BYTES, usage.usedBytes(),
                ContentEvents.MAX_BYTES, usage.maxBytes()));
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin admin = eventAdmin.get();
        if (admin == null) {
            return;
        }
        try {
            admin.postEvent(new Event(topic, properties));
        } catch (RuntimeException e) {
            LOG.warn("event {} not posted: {}", topic, e.toString());
        }
    }
}
