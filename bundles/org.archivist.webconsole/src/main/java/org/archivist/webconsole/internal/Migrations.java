package org.archivist.webconsole.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrations started from the page: one at a time on a background thread (a migration uploads every archive;
 * the operator's request returns at once), each community's last state kept for the page.
 */
final class Migrations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private final Map<CommunityId, MigrationState> states = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "archivist-webconsole-migration");
        t.setDaemon(true);
        return t;
    });

    Optional<MigrationState> state(CommunityId id) {
        return Optional.ofNullable(states.get(id));
    }

    boolean running(CommunityId id) {
        return state(id).map(s -> s.phase() == MigrationState.Phase.RUNNING).orElse(false);
    }

    /** Starts (or queues) the migration; false when one of the community is already running. */
    boolean start(MigrationRunner runner, CommunityId id, String source, String target) {
        MigrationState started = MigrationState.started(source, target);
        if (states.compute(id, (k, s) -> s != null && s.phase() == MigrationState.Phase.RUNNING ? s : started)
                != started) {
            return false;
        }
        try {
            worker.execute(() -> run(runner, id, source, target));
        } catch (RejectedExecutionException e) {
            states.put(id, failed(source, target, "the console is stopping"));
            return false;
        }
        return true;
    }

    private void run(MigrationRunner runner, CommunityId id, String source, String target) {
        try {
            states.put(id, runner.migrate(id, source, target, s -> states.put(id, s)));
            LOG.info("{}: migration {} -> {} ended: {}", id, source, target, states.get(id).text());
        } catch (ArchivistException | RuntimeException e) {
            LOG.warn("{}: migration {} -> {} failed: {}", id, source, target, e.getMessage());
            states.put(id, failed(source, target, e.getMessage()));
        }
    }

    private static MigrationState failed(String source, String target, String why) {
        return new MigrationState(source, target, MigrationState.Phase.FAILED, 0, 0, 0, 0, why);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
