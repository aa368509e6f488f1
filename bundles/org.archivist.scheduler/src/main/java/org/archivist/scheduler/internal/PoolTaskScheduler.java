package org.archivist.scheduler.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

/** The production {@link TaskScheduler}: a shared {@link ScheduledExecutorService} and a clock. */
public class PoolTaskScheduler implements TaskScheduler {
    private final ScheduledExecutorService pool;
    private final Clock clock;

    @Inject
    public PoolTaskScheduler(ScheduledExecutorService pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = pool.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }
}
