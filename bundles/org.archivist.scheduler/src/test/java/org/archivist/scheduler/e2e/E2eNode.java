package org.archivist.scheduler.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.service.ArchiveEvent;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.scheduler.node.SchedulerNode;

/**
 * One node of an end-to-end test: a reference host on loopback and a scheduler that can be stopped and started
 * again on the same directories, its events recorded.
 */
class E2eNode implements AutoCloseable {
    final Path root;
    final ReferenceNode host;
    final List<ArchiveEvent> events = new CopyOnWriteArrayList<>();
    SchedulerNode scheduler;

    E2eNode(Path root, String name, List<String> peers) throws Exception {
        this.root = root;
        this.host = ReferenceNode.loopback(root.resolve("host"), name, peers);
    }

    /** A scheduler on this node's host and directory, retrying after 1 s and at most after {@code maxRetry}. */
    SchedulerNode.Builder schedulerBuilder(Duration maxRetry) {
        return SchedulerNode.builder(host.store(), host.directory(), host.channel(), host.importer())
                .cipher(host.cipher()).directory(root.resolve("scheduler")).events(events::add)
                .retry(Duration.ofSeconds(1), maxRetry);
    }

    void stopScheduler() throws Exception {
        scheduler.close();
        scheduler = null;
    }

    @Override
    public void close() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        host.close();
    }
}
