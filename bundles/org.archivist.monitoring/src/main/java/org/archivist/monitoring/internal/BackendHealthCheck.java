package org.archivist.monitoring.internal;

import java.util.function.Supplier;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

/** A backend's health: OK when UP, WARN while STARTING, CRITICAL when DOWN, with the backend's reason. */
final class BackendHealthCheck implements HealthCheck {
    static final String TAG = "archivist-backend";

    private final Supplier<BackendSnapshot> snapshot;

    BackendHealthCheck(Supplier<BackendSnapshot> snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public Result execute() {
        BackendSnapshot s = snapshot.get();
        FormattingResultLog log = new FormattingResultLog();
        switch (s.state()) {
            case UP -> log.info("{} backend is up {}", s.type(), s.detail().isEmpty() ? "" : "(" + s.detail() + ")");
            case STARTING -> log.warn("{} backend is starting {}", s.type(), s.detail());
            case DOWN -> log.critical("{} backend is down: {}", s.type(), s.detail());
        }
        s.metrics().forEach((k, v) -> log.debug("{} = {}", k, v));
        return new Result(log);
    }
}
