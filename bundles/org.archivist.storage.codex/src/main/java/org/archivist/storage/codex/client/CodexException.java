package org.archivist.storage.codex.client;

import java.io.IOException;

/**
 * A call to a Codex node failed. {@link #status()} is the HTTP status when the node answered (else -1);
 * {@link #retryable()} says whether the same call may succeed later.
 */
public class CodexException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final boolean retryable;

    public CodexException(String message, int status, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }
}
