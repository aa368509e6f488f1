package org.archivist.storage.codex.client;

/** The node could not be reached or dropped the connection without an answer. */
public class CodexUnavailableException extends CodexException {
    private static final long serialVersionUID = 1L;

    public CodexUnavailableException(String message, Throwable cause) {
        super(message, -1, true, cause);
    }
}
