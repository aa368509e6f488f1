package org.archivist.webconsole.internal;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.StorageBackend;

/**
 * One storage backend as the page shows it, read once per request from the backend's own
 * {@link StorageBackend#status()} (quick by contract: the Codex backend answers with its last probe of the node):
 * its state, why it is not up, and the figures it reports ({@code peers} and {@code seedingCommunities} of the
 * BitTorrent engine, {@code quotaUsedBytes} and {@code quotaMaxBytes} of the Codex node).
 */
record BackendView(String type, BackendStatus.State state, String detail, Map<String, Object> metrics) {
    /** The BitTorrent backend's metric: peer connections open now, over every torrent. */
    static final String PEERS = "peers";
    /** The BitTorrent backend's metric: communities it seeds now. */
    static final String SEEDING_COMMUNITIES = "seedingCommunities";
    static final String LISTEN_PORT = "listenPort";
    /** The Codex backend's metrics: the node's quota in use and its size, in bytes. */
    static final String QUOTA_USED = "quotaUsedBytes";
    static final String QUOTA_MAX = "quotaMaxBytes";

    BackendView {
        detail = detail == null ? "" : detail;
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** The backend's status; a status call that throws reads as DOWN with what it threw. */
    static BackendView of(String type, StorageBackend backend) {
        try {
            BackendStatus s = backend.status();
            return new BackendView(type, s.state(), s.detail(), s.metrics());
        } catch (RuntimeException | LinkageError e) {
            return new BackendView(type, BackendStatus.State.DOWN, "its status cannot be read: " + e, Map.of());
        }
    }

    boolean up() {
        return state == BackendStatus.State.UP;
    }

    OptionalLong metric(String name) {
        return metrics.get(name) instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    /** The quota in use and its size, when the backend reports both (Codex). */
    Optional<long[]> quota() {
        OptionalLong used = metric(QUOTA_USED);
        OptionalLong max = metric(QUOTA_MAX);
        return used.isPresent() && max.isPresent() ? Optional.of(new long[] {used.getAsLong(), max.getAsLong()})
                : Optional.empty();
    }

    /** Quota in use in percent (0 when the quota is 0 or not reported). */
    int quotaPercent() {
        return quota().map(q -> q[1] <= 0 ? 0 : (int) Math.min(100, q[0] * 100 / q[1])).orElse(0);
    }
}
