package org.archivist.storage.bittorrent.internal.engine.bt;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bt's client executor (it runs each torrent's processing chain in one task), with daemon threads and a
 * way to end one torrent's processing. bt 1.10 ends a torrent's processing only when every piece is in:
 * a partial download (the member fetches only the archives it lacks) would block its thread forever and
 * keep the torrent registered. A {@link Ticket} bound while the client starts follows its task, and
 * {@link Ticket#interrupt()} interrupts that task only while it still runs, which makes bt finalize and
 * unregister the torrent.
 */
final class ProcessingExecutor extends AbstractExecutorService {
    private static final ThreadLocal<Ticket> SUBMITTING = new ThreadLocal<>();
    private final ExecutorService delegate;

    ProcessingExecutor(String name) {
        AtomicInteger count = new AtomicInteger();
        this.delegate = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code start} (which submits one processing task) with the ticket bound to that task. */
    static void submitting(Ticket ticket, Runnable start) {
        SUBMITTING.set(ticket);
        try {
            start.run();
        } finally {
            SUBMITTING.remove();
        }
    }

    @Override
    public void execute(Runnable task) {
        Ticket ticket = SUBMITTING.get();
        if (ticket == null) {
            delegate.execute(task);
            return;
        }
        delegate.execute(() -> {
            ticket.enter();
            try {
                task.run();
            } finally {
                ticket.exit();
            }
        });
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }

    /** Follows one torrent's processing task. */
    static final class Ticket {
        private Thread thread;
        private boolean finished;

        private synchronized void enter() {
            thread = Thread.currentThread();
        }

        private void exit() {
            synchronized (this) {
                thread = null;
                finished = true;
            }
            Thread.interrupted(); // an interrupt meant for this task must not reach the next one
        }

        /** Interrupts the task if it is still running. */
        synchronized void interrupt() {
            if (thread != null) {
                thread.interrupt();
            }
        }

        synchronized boolean finished() {
            return finished;
        }
    }
}
