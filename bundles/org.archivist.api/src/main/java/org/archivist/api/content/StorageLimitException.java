package org.archivist.api.content;

/**
 * A transfer would take this node's content storage past its configured maximum, and nothing releasable (fetched
 * copies of others' files, oldest first) freed enough. Retryable: space may be released later.
 */
public class StorageLimitException extends ContentException {
    private static final long serialVersionUID = 1L;
    private final long usedBytes;
    private final long maxBytes;

    public StorageLimitException(String message, long usedBytes, long maxBytes) {
        super(message, true);
        this.usedBytes = usedBytes;
        this.maxBytes = maxBytes;
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
