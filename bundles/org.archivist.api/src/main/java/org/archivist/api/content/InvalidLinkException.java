package org.archivist.api.content;

/** A link no store can ever resolve: malformed, or of a storage type this node does not run. Not retryable. */
public class InvalidLinkException extends ContentException {
    private static final long serialVersionUID = 1L;

    public InvalidLinkException(String message) {
        super(message, false);
    }

    public InvalidLinkException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
