package org.archivist.scheduler.internal;

import org.archivist.api.storage.StorageException;

/**
 * A member did not download an archive because it would take the node over its storage limit. Retryable: the
 * download is tried again after the usual backoff, and succeeds once the limit is raised or space is freed.
 */
final class StorageLimitException extends StorageException {
    private final long usedBytes;
    private final long maxBytes;

    StorageLimitException(long usedBytes, long maxBytes, String archiveId, long archiveBytes) {
        super("storage limit: " + usedBytes + " of " + maxBytes + " bytes in use; archive " + archiveId + " ("
                + archiveBytes + " bytes) not downloaded", true);
        this.usedBytes = usedBytes;
        this.maxBytes = maxBytes;
    }

    long usedBytes() {
        return usedBytes;
    }

    long maxBytes() {
        return maxBytes;
    }
}
