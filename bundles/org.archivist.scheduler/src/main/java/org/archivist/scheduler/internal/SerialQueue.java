package org.archivist.scheduler.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one community's work one task at a time on the shared pool, in submission order, with the
 * community id in the logging MDC. Holds no thread while empty.
 */
final class SerialQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);

    private final TaskScheduler scheduler;
    private final String community;
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialQueue(TaskScheduler scheduler, String community) {
        this.scheduler = scheduler;
        this.community = community;
    }

    void submit(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        scheduler.execute(this::drain);
    }

    /** Submits {@code task} to this queue after {@code delay}. */
    TaskScheduler.Cancellable submitAfter(java.time.Duration delay, Runnable task) {
        return scheduler.schedule(delay, () -> submit(task));
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            MDC.put("community", community);
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("task of community {} failed", community, e);
            } finally {
                MDC.remove("community");
            }
        }
    }
}
