package org.archivist.storage.codex.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancels the calls it was passed to, from any thread: the request in flight is aborted and the call throws
 * {@link java.util.concurrent.CancellationException}; a download leaves its target untouched.
 */
public final class Cancellation {
    private volatile boolean cancelled;
    private final Set<Runnable> active = ConcurrentHashMap.newKeySet();

    public void cancel() {
        cancelled = true;
        active.forEach(Runnable::run);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void register(Runnable abort) {
        active.add(abort);
        if (cancelled) {
            abort.run();
        }
    }

    void unregister(Runnable abort) {
        active.remove(abort);
    }

    void check() {
        if (cancelled) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }
}
