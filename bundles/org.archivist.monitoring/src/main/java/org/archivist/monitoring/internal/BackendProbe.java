package org.archivist.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.archivist.api.storage.QuotaReporting;
import org.archivist.api.storage.StorageBackend;

/**
 * Reads a backend's state and metrics. A backend that reports its quota is asked for it (for Codex this is a
 * call to the node: answering means reachable); any failure of the probe reads as DOWN with its reason.
 */
final class BackendProbe {
    private BackendProbe() {
    }

    static BackendSnapshot read(StorageBackend backend) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        try {
            if (backend instanceof QuotaReporting q) {
                QuotaReporting.Quota quota = q.quota();
                metrics.put("quotaUsedBytes", quota.usedBytes());
                metrics.put("quotaMaxBytes", quota.maxBytes());
                metrics.put("quotaLeftBytes", Math.max(0, quota.maxBytes() - quota.usedBytes()));
            }
            return new BackendSnapshot(backend.type(), BackendSnapshot.State.UP, "", metrics);
        } catch (Exception | LinkageError e) {
            return new BackendSnapshot(backend.type(), BackendSnapshot.State.DOWN, e.toString(), metrics);
        }
    }
}
