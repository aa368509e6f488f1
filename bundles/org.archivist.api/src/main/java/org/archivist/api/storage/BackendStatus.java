package org.archivist.api.storage;

import java.util.Map;
import java.util.Objects;

/**
 * How a backend is doing now, as health checks, JMX and {@code archive:status} show it.
 *
 * @param state   whether the backend can serve calls
 * @param detail  what is wrong when {@link State#DOWN} (the cause of a failed start, an unreachable node);
 *                otherwise a short note, possibly empty
 * @param metrics backend-specific figures (names are the backend's constants), never {@code null}
 */
public record BackendStatus(State state, String detail, Map<String, Object> metrics) {

    /** The life cycle of a backend. */
    public enum State {
        /** Starting (an engine coming up); calls may wait or fail as retryable. */
        STARTING,
        /** Serving calls. */
        UP,
        /** Not serving calls; {@link #detail()} says why. */
        DOWN
    }

    public BackendStatus {
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
        metrics = Map.copyOf(metrics == null ? Map.of() : metrics);
    }

    public static BackendStatus up(Map<String, Object> metrics) {
        return new BackendStatus(State.UP, "", metrics);
    }

    public static BackendStatus starting(String detail) {
        return new BackendStatus(State.STARTING, detail, Map.of());
    }

    public static BackendStatus down(String detail) {
        return new BackendStatus(State.DOWN, detail, Map.of());
    }
}
