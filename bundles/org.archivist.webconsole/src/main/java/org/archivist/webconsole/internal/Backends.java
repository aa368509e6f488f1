package org.archivist.webconsole.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.storage.StorageBackend;

/**
 * The storage backends registered now ({@link StorageBackend} services, by their {@value StorageBackend#TYPE_PROPERTY}),
 * as they come and go; {@link #views()} reads each one's status for one page.
 */
final class Backends {
    private final Map<String, StorageBackend> byType = new ConcurrentHashMap<>();

    void add(String type, StorageBackend backend) {
        if (type != null) {
            byType.put(type, backend);
        }
    }

    void remove(String type, StorageBackend backend) {
        if (type != null) {
            byType.remove(type, backend);
        }
    }

    /** Each registered backend's state now, by type. */
    Map<String, BackendView> views() {
        Map<String, BackendView> out = new TreeMap<>();
        byType.forEach((type, b) -> out.put(type, BackendView.of(type, b)));
        return out;
    }
}
