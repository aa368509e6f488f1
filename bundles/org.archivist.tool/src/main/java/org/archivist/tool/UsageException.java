package org.archivist.tool;

/** The arguments do not fit the command; the message says which one and why. */
public class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
