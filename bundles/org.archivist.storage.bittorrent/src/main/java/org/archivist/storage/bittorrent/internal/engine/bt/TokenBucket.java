package org.archivist.storage.bittorrent.internal.engine.bt;

import java.util.function.LongSupplier;

/**
 * A byte rate limit: {@link #acquire} blocks the calling thread until the bytes fit under the rate,
 * allowing a burst of at most a tenth of a second's worth. Zero bytes per second means no limit.
 */
final class TokenBucket {
    private static final long BURST_NANOS = 100_000_000L;

    /** Sleeps for a number of nanoseconds; a seam for tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long bytesPerSecond;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long nextFree;

    TokenBucket(long bytesPerSecond) {
        this(bytesPerSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    TokenBucket(long bytesPerSecond, LongSupplier clock, Sleeper sleeper) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("a rate limit is 0 (none) or positive, got " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
        this.nextFree = clock.getAsLong();
    }

    boolean limited() {
        return bytesPerSecond > 0;
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Takes {@code bytes} from the bucket, waiting as long as the rate demands; returns the nanoseconds waited. */
    long acquire(long bytes) throws InterruptedException {
        if (bytesPerSecond == 0 || bytes <= 0) {
            return 0;
        }
        long wait;
        synchronized (this) {
            long now = clock.getAsLong();
            nextFree = Math.max(nextFree, now - BURST_NANOS);
            wait = nextFree - now;
            nextFree += bytes * 1_000_000_000L / bytesPerSecond;
        }
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
        return Math.max(0, wait);
    }
}
