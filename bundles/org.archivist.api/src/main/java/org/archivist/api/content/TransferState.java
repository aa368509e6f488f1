package org.archivist.api.content;

/** Where a background transfer is. */
public enum TransferState {
    /** Preparing: hashing (and encrypting) the content. */
    PREPARING,
    /** Moving bytes. */
    TRANSFERRING,
    /** Finished: stored (publish) or fetched and verified (fetch). */
    DONE,
    /** Gave up; the handle's result says why. */
    FAILED,
    /** Cancelled by the caller. */
    CANCELLED;

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
