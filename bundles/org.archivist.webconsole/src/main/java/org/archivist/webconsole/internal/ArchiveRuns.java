package org.archivist.webconsole.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Archive now" runs started from the page, in the background so that the operator's request returns at once
 * (a run encodes, publishes and announces; minutes on a large community): at most one per community, each
 * community's last outcome kept for its row. The scheduler keeps its own state crash-safe; a run cut short by
 * the console stopping is the scheduler's to finish or retry.
 */
final class ArchiveRuns implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRuns.class);

    /** How the last run started from the page ended. */
    record Outcome(boolean ok, Instant at, Duration took, String text) {
    }

    private final Map<CommunityId, Instant> running = new ConcurrentHashMap<>();
    private final Map<CommunityId, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ExecutorService workers;

    ArchiveRuns(Clock clock) {
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "archivist-webconsole-archive-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a run of the community; false when one started from the page is still running. */
    boolean start(ArchiveService service, CommunityId id) {
        Instant started = clock.instant();
        if (running.putIfAbsent(id, started) != null) {
            return false;
        }
        try {
            workers.execute(() -> run(service, id, started));
        } catch (RejectedExecutionException e) {
            running.remove(id);
            return false;
        }
        return true;
    }

    private void run(ArchiveService service, CommunityId id, Instant started) {
        Outcome outcome;
        try {
            service.archiveNow(id);
            Instant end = clock.instant();
            outcome = new Outcome(true, end, Duration.between(started, end), "archive run finished");
        } catch (ArchivistException | RuntimeException e) {
            LOG.warn("archive run of {} started from the web console failed: {}", id, e.getMessage(), e);
            Instant end = clock.instant();
            outcome = new Outcome(false, end, Duration.between(started, end), "archive run failed: " + e.getMessage());
        }
        outcomes.put(id, outcome);
        running.remove(id);
    }

    boolean running(CommunityId id) {
        return running.containsKey(id);
    }

    Optional<Outcome> last(CommunityId id) {
        return Optional.ofNullable(outcomes.get(id));
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
