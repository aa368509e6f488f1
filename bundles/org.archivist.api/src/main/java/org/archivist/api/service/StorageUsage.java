package org.archivist.api.service;

/**
 * The disk space this node holds for Archivist, against its configured limit: the bytes each storage backend
 * reports as {@value #STORED_BYTES_METRIC} in its {@link org.archivist.api.storage.BackendStatus#metrics() status}
 * (its archive sets and local copies) plus the scheduler's own directory (downloaded archives waiting for import,
 * kept indexes) and, since 1.6, every {@link StorageHolder}'s bytes (the file service's files).
 *
 * @param usedBytes bytes in use now
 * @param maxBytes  the configured limit; {@code 0}: no limit
 * @since 1.5
 */
public record StorageUsage(long usedBytes, long maxBytes) {
    /** The name of the backend metric that counts the bytes a backend holds on this node's disk. */
    public static final String STORED_BYTES_METRIC = "storedBytes";

    public StorageUsage {
        if (usedBytes < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("storage bytes cannot be negative: " + usedBytes + " of " + maxBytes);
        }
    }

    /** Whether a limit is configured. */
    public boolean limited() {
        return maxBytes > 0;
    }

    /** Whether {@code more} bytes still fit under the limit (always, without one). */
    public boolean admits(long more) {
        return !limited() || usedBytes + more <= maxBytes;
    }
}
