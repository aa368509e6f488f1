package org.archivist.scheduler.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.service.StorageHolder;

/** The {@link StorageHolder}s counted by the node's storage limit now; they come and go at run time. */
public final class StorageHolders {
    private final CopyOnWriteArrayList<StorageHolder> holders = new CopyOnWriteArrayList<>();

    public void add(StorageHolder holder) {
        holders.addIfAbsent(Objects.requireNonNull(holder, "holder"));
    }

    public void remove(StorageHolder holder) {
        holders.remove(holder);
    }

    List<StorageHolder> all() {
        return List.copyOf(holders);
    }
}
