package org.archivist.content.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.content.BlobStore;

/** The blob stores running now, by their {@code storage.type}; they come and go as services do. */
public final class BlobStoreRegistry {
    private final Map<String, BlobStore> stores = new ConcurrentHashMap<>();

    public void add(String type, BlobStore store) {
        stores.put(type, store);
    }

    public void remove(String type, BlobStore store) {
        stores.remove(type, store);
    }

    public Optional<BlobStore> get(String type) {
        return Optional.ofNullable(stores.get(type));
    }

    public Set<String> types() {
        return new TreeSet<>(stores.keySet());
    }
}
