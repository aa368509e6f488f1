package org.archivist.storage.bittorrent.internal.engine;

/** The BitTorrent engine could not do what was asked; the message names the torrent and the reason. */
public class EngineException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public EngineException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public EngineException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether the same request may succeed later (no peer yet, a timeout) or not (files that do not match). */
    public boolean retryable() {
        return retryable;
    }
}
