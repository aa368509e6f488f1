package org.archivist.api;

/**
 * Bytes received from the outside (an index, an archive, an announcement) violate the format:
 * truncated, oversized, inconsistent or not what they claim to be. Never retried with the same bytes.
 */
public class InvalidArchiveException extends ArchivistException {
    private static final long serialVersionUID = 1L;

    public InvalidArchiveException(String message) {
        super(message);
    }

    public InvalidArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
