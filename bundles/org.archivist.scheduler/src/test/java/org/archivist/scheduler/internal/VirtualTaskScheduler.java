package org.archivist.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Virtual time for tests: tasks run on the test's thread when {@link #advance} moves the clock past their
 * due time, in due-time order. Weeks pass in microseconds.
 */
final class VirtualTaskScheduler implements TaskScheduler {
    private final class Entry implements Comparable<Entry>, Cancellable {
        final Instant at;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Entry(Instant at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            synchronized (VirtualTaskScheduler.this) {
                cancelled = true;
                queue.remove(this);
            }
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private Instant now;
    private long seq;

    VirtualTaskScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Entry e = new Entry(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task);
        queue.add(e);
        return e;
    }

    /** Runs everything due now (and what that schedules for now). */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves the clock forward by {@code d}, running every task that falls due on the way. */
    void advance(Duration d) {
        Instant target;
        synchronized (this) {
            target = now.plus(d);
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                if (next.at.isAfter(now)) {
                    now = next.at;
                }
            }
            if (!next.cancelled) {
                next.task.run();
            }
        }
    }

    /** Moves the clock to {@code instant}. */
    void advanceTo(Instant instant) {
        advance(Duration.between(now(), instant));
    }

    synchronized int pending() {
        return queue.size();
    }
}
