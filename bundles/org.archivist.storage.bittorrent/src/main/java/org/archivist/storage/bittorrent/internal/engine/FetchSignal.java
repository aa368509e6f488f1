package org.archivist.storage.bittorrent.internal.engine;

import java.util.concurrent.CancellationException;

/**
 * A fetch session's cancel and close flags and the monitor its waits sleep on: engine events {@link #wake()} the
 * waiting caller, which then checks the flags first. Shared by both engines' sessions; public only because they
 * live in sub-packages (the package is internal and not exported).
 */
public final class FetchSignal {
    private final Object monitor = new Object();
    private final String torrent;
    private volatile boolean cancelled;
    private volatile boolean closed;

    /** {@code torrent} names the torrent in the cancellation message. */
    public FetchSignal(String torrent) {
        this.torrent = torrent;
    }

    /** Wakes every caller waiting in {@link #pause}. */
    public void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Waits up to {@code millis} or until woken. */
    public void pause(long millis) throws InterruptedException {
        synchronized (monitor) {
            monitor.wait(millis);
        }
    }

    /** Throws a {@link CancellationException} once the fetch was cancelled or closed. */
    public void checkCancelled() {
        if (cancelled || closed) {
            throw new CancellationException("download of torrent " + torrent + " was "
                    + (cancelled ? "cancelled" : "closed"));
        }
    }

    public void cancel() {
        cancelled = true;
        wake();
    }

    /** Marks the fetch closed and wakes its waiters; false when it was closed already (nothing more to do). */
    public boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        wake();
        return true;
    }

    public boolean closed() {
        return closed;
    }
}
