package org.archivist.api.content;

import org.archivist.api.ArchivistException;

/**
 * Content could not be stored or fetched. {@link #retryable()} tells whether the same call may succeed later
 * (a node that is down, nobody serving the link yet, a timeout) or not (a malformed link, a full disk).
 */
public class ContentException extends ArchivistException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public ContentException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ContentException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
