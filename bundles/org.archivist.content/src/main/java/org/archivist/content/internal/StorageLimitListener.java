package org.archivist.content.internal;

import org.archivist.api.content.StorageUsage;

/** Told when the file service's storage hits its maximum and when a transfer fits again. */
public interface StorageLimitListener {
    StorageLimitListener NONE = new StorageLimitListener() {
        @Override
        public void reached(StorageUsage usage, long neededBytes, String what) {
        }

        @Override
        public void cleared(StorageUsage usage) {
        }
    };

    /** A transfer needing {@code neededBytes} was refused; called once per stretch at the limit. */
    void reached(StorageUsage usage, long neededBytes, String what);

    /** A transfer fit again after the limit was hit. */
    void cleared(StorageUsage usage);
}
