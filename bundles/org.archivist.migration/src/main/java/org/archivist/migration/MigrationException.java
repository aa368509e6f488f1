package org.archivist.migration;

import org.archivist.api.ArchivistException;

/**
 * A migration run stopped. What was done is in the journal; {@link #retryable()} says whether a rerun as it is
 * may succeed (a node that was down) or something must be fixed first (a corrupt source, a missing key).
 */
public class MigrationException extends ArchivistException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public MigrationException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public MigrationException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
