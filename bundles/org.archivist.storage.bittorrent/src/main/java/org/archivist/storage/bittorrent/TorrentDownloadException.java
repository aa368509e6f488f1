package org.archivist.storage.bittorrent;

/** A download could not go on; {@link #retryable()} says whether running it again may succeed. */
public final class TorrentDownloadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public TorrentDownloadException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True for a timeout or no peers yet (verified pieces are kept); false for files that do not match. */
    public boolean retryable() {
        return retryable;
    }
}
