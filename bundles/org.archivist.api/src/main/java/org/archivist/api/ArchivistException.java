package org.archivist.api;

/** Base of every checked exception Archivist throws; the message always says what went wrong. */
public class ArchivistException extends Exception {
    private static final long serialVersionUID = 1L;

    public ArchivistException(String message) {
        super(message);
    }

    public ArchivistException(String message, Throwable cause) {
        super(message, cause);
    }
}
