package org.archivist.monitoring.internal;

import java.util.Map;
import java.util.TreeMap;

/** A storage backend's health and metrics at one moment, as the monitoring reports them. */
record BackendSnapshot(String type, State state, String detail, Map<String, Object> metrics) {

    /** Mirrors the backends' own states: starting, serving, or not serving. */
    enum State {
        STARTING, UP, DOWN
    }

    BackendSnapshot {
        detail = detail == null ? "" : detail;
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }
}
