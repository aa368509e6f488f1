package org.archivist.scheduler.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;

/** The storage backends available now, by {@code storage.type}; they come and go at run time. */
public final class BackendRegistry {
    private final Map<String, StorageBackend> backends = new ConcurrentHashMap<>();

    public void add(StorageBackend backend) {
        backends.put(backend.type(), backend);
    }

    public void remove(StorageBackend backend) {
        backends.remove(backend.type(), backend);
    }

    public Optional<StorageBackend> get(String type) {
        return Optional.ofNullable(backends.get(type));
    }

    /** The backend whose links are of this kind. */
    public Optional<StorageBackend> forKind(LinkKind kind) {
        return backends.values().stream().filter(b -> b.linkKind() == kind).findFirst();
    }
}
