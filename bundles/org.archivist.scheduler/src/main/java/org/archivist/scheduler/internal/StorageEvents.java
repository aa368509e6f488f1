package org.archivist.scheduler.internal;

import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.StorageUsage;

/** Told what the node's storage limit released and refused (in OSGi: posted to EventAdmin). */
public interface StorageEvents {
    StorageEvents NONE = new StorageEvents() {
        @Override
        public void released(ReleasableCopy copy) {
        }

        @Override
        public void limitReached(StorageUsage usage, long neededBytes, String what) {
        }
    };

    /** A copy was deleted to free space. */
    void released(ReleasableCopy copy);

    /** {@code what}, needing {@code neededBytes}, did not fit even after the release policy did what it may. */
    void limitReached(StorageUsage usage, long neededBytes, String what);
}
