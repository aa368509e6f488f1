package org.archivist.scheduler.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Time and execution for every community: one shared pool in production, virtual time in tests. Nothing
 * runs and no thread waits when nothing is due.
 */
public interface TaskScheduler {

    /** A scheduled task that may still be cancelled. */
    interface Cancellable {
        Cancellable NONE = () -> { };

        void cancel();
    }

    Instant now();

    /** Runs {@code task} as soon as a thread is free. */
    void execute(Runnable task);

    /** Runs {@code task} once after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);
}
