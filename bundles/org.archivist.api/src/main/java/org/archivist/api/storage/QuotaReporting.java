package org.archivist.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/** Optional ability of a backend that can tell how much room it has. */
@ConsumerType
public interface QuotaReporting {
    /** Used and total bytes, as the backend counts them. */
    record Quota(long usedBytes, long maxBytes) {
    }

    Quota quota() throws StorageException;
}
