package org.archivist.core.member;

import java.util.function.LongSupplier;

/**
 * Lets at most {@code permitsPerSecond} callers through per second, evenly spaced, with a burst of one
 * (as status-go's {@code rate.NewLimiter(r, 1)}). The clock and the sleeper are injectable.
 */
public final class RateLimiter {
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long next = Long.MIN_VALUE;

    public RateLimiter(double permitsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive, got " + permitsPerSecond);
        }
        this.intervalNanos = (long) (1_000_000_000L / permitsPerSecond);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** A limiter on the system clock. */
    public static RateLimiter perSecond(double permitsPerSecond) {
        return new RateLimiter(permitsPerSecond, System::nanoTime, Sleeper.SYSTEM);
    }

    /** Blocks until the next permit is due. */
    public synchronized void acquire() throws InterruptedException {
        long now = nanoClock.getAsLong();
        if (next != Long.MIN_VALUE && now - next < 0) {
            sleeper.sleepNanos(next - now);
            now = next;
        }
        next = now + intervalNanos;
    }
}
