package org.archivist.storage.codex.client;

/** The node answered with a 5xx status; some (a full quota, an empty upload) never succeed on retry. */
public class CodexServerException extends CodexException {
    private static final long serialVersionUID = 1L;

    public CodexServerException(String message, int status, boolean retryable) {
        super(message, status, retryable, null);
    }
}
