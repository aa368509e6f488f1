package org.archivist.storage.bittorrent.internal.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * An engine's state and the cause of a failed start, with the transitions both engines make: new, starting, then
 * running or failed (for good), and closed. The engine calls the transitions under its own lock; reads need none.
 * Public only because the engines live in sub-packages (the package is internal and not exported).
 */
public final class EngineLifecycle {
    private volatile EngineState state = EngineState.NEW;
    private volatile Throwable failure;

    public EngineState state() {
        return state;
    }

    /** Why the start failed; empty unless {@link EngineState#FAILED}. */
    public Optional<Throwable> failure() {
        return state == EngineState.FAILED ? Optional.ofNullable(failure) : Optional.empty();
    }

    public boolean isRunning() {
        return state == EngineState.RUNNING;
    }

    /**
     * Enters {@link EngineState#STARTING} and returns true; returns false when running already (a start is
     * idempotent); throws, not retryable, once failed (with the first cause) or closed.
     */
    public boolean beginStart() throws EngineException {
        switch (state) {
            case RUNNING:
                return false;
            case FAILED:
                throw new EngineException("the BitTorrent engine failed to start: " + failure, false, failure);
            case CLOSED:
                throw new EngineException("the BitTorrent engine is closed", false);
            default:
                break;
        }
        state = EngineState.STARTING;
        return true;
    }

    public void started() {
        state = EngineState.RUNNING;
    }

    public void failed(Throwable cause) {
        failure = cause;
        state = EngineState.FAILED;
    }

    /** Enters {@link EngineState#CLOSED}; true when the engine was running (so there is something to stop). */
    public boolean close() {
        boolean wasRunning = state == EngineState.RUNNING;
        state = EngineState.CLOSED;
        return wasRunning;
    }

    /** The error for a call that needs the running engine, naming the engine's state (and its failure). */
    public EngineException notRunning() {
        return new EngineException("the BitTorrent engine is " + state.name().toLowerCase(Locale.ROOT)
                + (failure != null ? ": " + failure : ""), false, failure);
    }
}
