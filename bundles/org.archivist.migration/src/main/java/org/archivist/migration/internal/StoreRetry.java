package org.archivist.migration.internal;

import java.time.Duration;

import org.archivist.api.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Retries a target call that failed retryably (a node briefly down), with doubling pauses, then gives up. */
final class StoreRetry {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRetry.class);
    static final StoreRetry DEFAULT = new StoreRetry(4, Duration.ofMillis(500));

    interface Call<T> {
        T call() throws StorageException;
    }

    private final int attempts;
    private final Duration firstPause;

    StoreRetry(int attempts, Duration firstPause) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.attempts = attempts;
        this.firstPause = firstPause;
    }

    <T> T call(String what, Call<T> call) throws StorageException {
        long pause = firstPause.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (StorageException e) {
                if (!e.retryable() || attempt >= attempts) {
                    throw e;
                }
                LOG.warn("{} failed (attempt {} of {}): {}; retrying in {} ms", what, attempt, attempts,
                        e.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("interrupted while waiting to " + what, true, ie);
                }
                pause *= 2;
            }
        }
    }
}
