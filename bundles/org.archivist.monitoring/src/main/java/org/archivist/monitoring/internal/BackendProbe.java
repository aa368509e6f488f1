package org.archivist.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.StorageBackend;

/**
 * Reads a backend's {@link StorageBackend#status() status} and metrics (with the quota left when the backend
 * reports {@code quotaUsedBytes} and {@code quotaMaxBytes}, as Codex does). A failing probe reads as DOWN.
 */
final class BackendProbe {
    private BackendProbe() {
    }

    static BackendSnapshot read(String type, StorageBackend backend) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        try {
            BackendStatus status = backend.status();
            metrics.putAll(status.metrics());
            if (metrics.get("quotaUsedBytes") instanceof Number used && metrics.get("quotaMaxBytes") instanceof Number max) {
                metrics.put("quotaLeftBytes", Math.max(0, max.longValue() - used.longValue()));
            }
            return new BackendSnapshot(type, BackendSnapshot.State.valueOf(status.state().name()), status.detail(),
                    metrics);
        } catch (Exception | LinkageError e) {
            return new BackendSnapshot(type, BackendSnapshot.State.DOWN, e.toString(), metrics);
        }
    }
}
