package org.archivist.api.storage;

import org.archivist.api.ArchivistException;

/**
 * A backend could not store or fetch something. {@link #retryable()} tells whether the same call may
 * succeed later (a node that is down, a timeout) or not (a full disk, a link that can never resolve).
 */
public class StorageException extends ArchivistException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public StorageException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public StorageException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
