package org.archivist.api.content;

import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A transfer running in the background: its state, progress in bytes, and cancellation.
 *
 * @param <T> what it yields
 */
@ProviderType
public interface Transfer<T> {

    /** Completes with the outcome: a {@link ContentException}, a cancellation, or the value. */
    CompletableFuture<T> result();

    TransferState state();

    /** Bytes moved so far. */
    long doneBytes();

    /** Bytes to move, -1 while unknown. */
    long totalBytes();

    /** Stops the transfer soon (the result completes cancelled); idempotent. */
    void cancel();
}
