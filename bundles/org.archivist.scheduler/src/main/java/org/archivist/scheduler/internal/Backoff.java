package org.archivist.scheduler.internal;

import java.time.Duration;

/**
 * Exponential retry delays: {@code initial}, doubled after each failure, capped at {@code max}; a missing
 * decryption key waits {@link #MISSING_KEY} (status-go's 1 h) instead of spinning.
 */
final class Backoff {
    static final Duration MISSING_KEY = Duration.ofHours(1);

    private final Duration initial;
    private final Duration max;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The delay before the next attempt after one more failure. */
    Duration next() {
        long factor = 1L << Math.min(failures, 30);
        failures++;
        Duration d = initial.multipliedBy(factor);
        return d.compareTo(max) > 0 ? max : d;
    }

    int failures() {
        return failures;
    }

    void reset() {
        failures = 0;
    }
}
