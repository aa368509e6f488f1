package org.archivist.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.QuotaReporting;
import org.archivist.api.storage.StorageBackend;

/**
 * Reads a backend's {@link StorageBackend#status() status} and metrics; a backend that reports its quota and
 * is up is asked for it too (for Codex a call to the node). A failing probe reads as DOWN with its reason.
 */
final class BackendProbe {
    private BackendProbe() {
    }

    static BackendSnapshot read(String type, StorageBackend backend) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        try {
            BackendStatus status = backend.status();
            metrics.putAll(status.metrics());
            if (status.state() == BackendStatus.State.UP && backend instanceof QuotaReporting q) {
                QuotaReporting.Quota quota = q.quota();
                metrics.put("quotaUsedBytes", quota.usedBytes());
                metrics.put("quotaMaxBytes", quota.maxBytes());
                metrics.put("quotaLeftBytes", Math.max(0, quota.maxBytes() - quota.usedBytes()));
            }
            return new BackendSnapshot(type, BackendSnapshot.State.valueOf(status.state().name()), status.detail(),
                    metrics);
        } catch (Exception | LinkageError e) {
            return new BackendSnapshot(type, BackendSnapshot.State.DOWN, e.toString(), metrics);
        }
    }
}
