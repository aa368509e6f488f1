package org.archivist.content.internal;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.api.content.CancelSignal;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.Transfer;
import org.archivist.api.content.TransferProgress;
import org.archivist.api.content.TransferState;

/**
 * One transfer run by the file service's workers: its futures, state and byte counts for the caller, and the
 * cancel signal and progress listener it hands to the blob store.
 *
 * @param <T> what the transfer yields
 */
class BackgroundTransfer<T> implements Transfer<T>, CancelSignal, TransferProgress {
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final CompletableFuture<FileLink> link = new CompletableFuture<>();
    private final Set<Runnable> aborts = ConcurrentHashMap.newKeySet();
    private final AtomicLong done = new AtomicLong();
    private volatile long total = -1;
    private volatile TransferState state = TransferState.PREPARING;
    private volatile boolean cancelled;

    @Override
    public CompletableFuture<T> result() {
        return result;
    }

    /** Completes once a publish's link is known (unused by fetches). */
    CompletableFuture<FileLink> linkFuture() {
        return link;
    }

    @Override
    public TransferState state() {
        return state;
    }

    @Override
    public long doneBytes() {
        return done.get();
    }

    @Override
    public long totalBytes() {
        return total;
    }

    @Override
    public void cancel() {
        cancelled = true;
        aborts.forEach(Runnable::run);
        CancellationException c = new CancellationException("cancelled by the caller");
        if (finish(TransferState.CANCELLED)) {
            result.completeExceptionally(c);
        }
        link.completeExceptionally(c);
    }

    /**
     * Moves to a final state unless one was reached before; the caller then completes the result. The state is set
     * first, so whoever the result wakes sees it final.
     */
    private synchronized boolean finish(TransferState end) {
        if (state.finished()) {
            return false;
        }
        state = end;
        return true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public Registration onCancel(Runnable abort) {
        aborts.add(abort);
        if (cancelled) {
            abort.run();
        }
        return () -> aborts.remove(abort);
    }

    @Override
    public void bytes(long doneBytes, long totalBytes) {
        done.set(doneBytes);
        total = totalBytes;
    }

    synchronized void transferring() {
        if (!state.finished()) {
            state = TransferState.TRANSFERRING;
        }
    }

    void linkKnown(FileLink l) {
        link.complete(l);
    }

    void succeed(T value) {
        if (finish(TransferState.DONE)) {
            result.complete(value);
        }
    }

    void fail(Throwable e) {
        if (e instanceof CancellationException || cancelled) {
            cancel();
            return;
        }
        if (finish(TransferState.FAILED)) {
            result.completeExceptionally(e);
        }
        link.completeExceptionally(e);
    }
}
