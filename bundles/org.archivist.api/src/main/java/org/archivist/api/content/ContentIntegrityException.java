package org.archivist.api.content;

/**
 * Fetched bytes do not match their link (a CID or an infohash): nothing was handed over. Retryable, since
 * another peer may serve the right bytes; the bad copy is discarded.
 */
public class ContentIntegrityException extends ContentException {
    private static final long serialVersionUID = 1L;

    public ContentIntegrityException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
