package org.archivist.storage.codex.client;

/** A connect, read or whole-request timeout passed (the node itself never times out a request). */
public class CodexTimeoutException extends CodexException {
    private static final long serialVersionUID = 1L;

    public CodexTimeoutException(String message, Throwable cause) {
        super(message, -1, true, cause);
    }
}
