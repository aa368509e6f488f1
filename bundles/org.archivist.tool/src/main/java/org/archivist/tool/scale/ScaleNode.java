package org.archivist.tool.scale;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.archivist.api.service.ArchiveEventListener;
import org.archivist.api.storage.StorageBackend;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.scheduler.node.SchedulerNode;
import org.archivist.storage.codex.CodexBackends;

/**
 * One production node in plain Java through exported entry points only: a reference host on a loopback
 * channel, the Codex backend talking to a Codex node, and the scheduler with its default pool.
 */
final class ScaleNode implements AutoCloseable {
    final ReferenceNode host;
    final SchedulerNode scheduler;
    private final CodexBackends.ConnectedCodex codex;

    ScaleNode(String name, Path root, List<String> channelPeers, URI codexApi, ArchiveEventListener events)
            throws Exception {
        this.host = ReferenceNode.loopback(root.resolve("host"), name, channelPeers);
        CodexBackends.ConnectedCodex c = null;
        SchedulerNode s = null;
        try {
            c = CodexBackends.connect(codexApi, root.resolve("codex-state"));
            s = SchedulerNode.builder(host.store(), host.directory(), host.channel(), host.importer())
                    .cipher(host.cipher()).directory(root.resolve("scheduler")).events(events)
                    .retry(Duration.ofSeconds(2), Duration.ofSeconds(20)).backend(StorageBackend.CODEX, c.backend())
                    .start();
        } catch (Exception e) {
            if (c != null) {
                c.close();
            }
            host.close();
            throw e;
        }
        this.codex = c;
        this.scheduler = s;
    }

    @Override
    public void close() throws Exception {
        try {
            scheduler.close();
        } finally {
            codex.close();
            host.close();
        }
    }
}
