package org.archivist.tool.scale;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.archivist.api.service.ArchiveEventListener;
import org.archivist.api.storage.StorageBackend;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.scheduler.node.SchedulerNode;
import org.archivist.storage.bittorrent.BitTorrentBackends;
import org.archivist.storage.bittorrent.BitTorrentBackends.EmbeddedBitTorrent;
import org.archivist.storage.codex.CodexBackends;

/**
 * One production node in plain Java through exported entry points only: a reference host on a loopback
 * channel, one storage backend (the Codex backend talking to a Codex node, or an embedded BitTorrent engine on
 * 127.0.0.1 with its default engine) and the scheduler with its default pool.
 */
final class ScaleNode implements AutoCloseable {
    final ReferenceNode host;
    final SchedulerNode scheduler;
    final String backendType;
    private final AutoCloseable backend;
    private final int torrentPort;

    /**
     * Starts the backend and the scheduler on an existing host (which the node closes).
     *
     * @param torrentPeers {@code host:port} of the BitTorrent peers to fetch from (BitTorrent only: no DHT)
     * @param codexApi     the Codex node (Codex only)
     */
    ScaleNode(ReferenceNode host, Path root, String backendType, List<String> torrentPeers, URI codexApi,
            ArchiveEventListener events) throws Exception {
        this.host = host;
        this.backendType = backendType;
        AutoCloseable started = null;
        SchedulerNode s = null;
        try {
            StorageBackend b;
            if (StorageBackend.BITTORRENT.equals(backendType)) {
                EmbeddedBitTorrent bt = BitTorrentBackends.embedded(root.resolve("bittorrent")).peers(torrentPeers)
                        .cipher(host.cipher()).start();
                started = bt;
                b = bt.backend();
                torrentPort = bt.port();
            } else {
                CodexBackends.ConnectedCodex c = CodexBackends.connect(codexApi, root.resolve("codex-state"));
                started = c;
                b = c.backend();
                torrentPort = -1;
            }
            s = SchedulerNode.builder(host.store(), host.directory(), host.channel(), host.importer())
                    .cipher(host.cipher()).directory(root.resolve("scheduler")).events(events)
                    .retry(Duration.ofSeconds(2), Duration.ofSeconds(20)).backend(backendType, b).start();
        } catch (Exception e) {
            if (started != null) {
                started.close();
            }
            host.close();
            throw e;
        }
        this.backend = started;
        this.scheduler = s;
    }

    /** This node's BitTorrent engine as a peer hint for another node. */
    String torrentPeer() {
        if (torrentPort < 0) {
            throw new IllegalStateException("not a BitTorrent node");
        }
        return "127.0.0.1:" + torrentPort;
    }

    @Override
    public void close() throws Exception {
        try {
            scheduler.close();
        } finally {
            try {
                backend.close();
            } finally {
                host.close();
            }
        }
    }
}
