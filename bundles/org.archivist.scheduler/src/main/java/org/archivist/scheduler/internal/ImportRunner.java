package org.archivist.scheduler.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.TimeRange;
import org.archivist.api.host.Community;
import org.archivist.api.host.MissingKeyException;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.core.member.ArchiveBatches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a member's downloaded archives, oldest download first (status-go's {@code importHistoryArchives}):
 * decode and verify one archive, keep the messages on the community's topics, hand them to the host's
 * importer in chunks of {@value #CHUNK} at the configured rate (each chunk a task scheduled after the
 * previous, no thread waits), mark the archive imported. A missing key waits an hour; other failures back
 * off exponentially.
 */
final class ImportRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
    static final int CHUNK = 10;

    private final CommunityId id;
    private final SchedulerContext ctx;
    private final SerialQueue queue;
    private final Supplier<ArchiveSettings> settings;
    private final Backoff backoff;
    private boolean scheduled;
    private boolean stopped;
    private boolean imported;
    private ArchiveProgress.HeldArchive current;
    private ArchiveProgress.ImportedFacts currentFacts;
    private ArchiveBatches pending;
    private long importedMessages;
    private TaskScheduler.Cancellable timer = TaskScheduler.Cancellable.NONE;

    ImportRunner(CommunityId id, SchedulerContext ctx, SerialQueue queue, Supplier<ArchiveSettings> settings) {
        this.id = id;
        this.ctx = ctx;
        this.queue = queue;
        this.settings = settings;
        this.backoff = ctx.newBackoff();
    }

    /** Makes sure waiting archives get imported. */
    synchronized void kick() {
        stopped = false;
        if (!scheduled) {
            scheduled = true;
            queue.submit(this::step);
        }
    }

    synchronized void stop() {
        stopped = true;
        timer.cancel();
    }

    /** Messages handed to the importer so far (since this node started). */
    synchronized long importedMessages() {
        return importedMessages;
    }

    private void step() {
        synchronized (this) {
            scheduled = false;
            if (stopped) {
                return;
            }
        }
        Optional<Community> c = ctx.directory().community(id);
        if (c.isEmpty() || !c.get().joined() || !settings.get().enabled()) {
            LOG.info("{}: import paused: not a joined, enabled community", id);
            return;
        }
        try {
            if (current == null && !load(c.get())) {
                if (imported) {
                    imported = false;
                    ctx.events().on(ArchiveEvent.of(ArchiveEvent.Type.FINISHED, id));
                }
                return;
            }
            List<ArchivedMessage> chunk = pending.peek().orElse(List.of());
            if (!chunk.isEmpty()) {
                ctx.importer().importMessages(id, new ArrayList<>(chunk));
                pending.advance();
                synchronized (this) {
                    importedMessages += chunk.size();
                }
            }
            if (pending.done()) {
                ArchiveProgress state = ctx.states().open(id);
                if (currentFacts != null) {
                    state.setImportedFacts(current.archiveId(), currentFacts);
                }
                state.markImported(current.archiveId());
                ctx.downloads().delete(id, current.archiveId());
                LOG.info("{}: archive {} imported ({} messages)", id, current.archiveId(), pending.selected());
                current = null;
                pending = null;
                imported = true;
                backoff.reset();
            }
            // the rate limit spans archives: the next chunk, of this archive or the next, waits its turn
            scheduleStep(Duration.ofNanos((long) (chunk.size() * 1e9 / settings.get().importRate())));
        } catch (MissingKeyException e) {
            LOG.warn("{}: {}; import retried in {}", id, e.getMessage(), Backoff.MISSING_KEY);
            ctx.events().on(ArchiveEvent.failed(id, Optional.empty(),
                    Failures.reason("import (retrying in " + Backoff.MISSING_KEY + ")", e)));
            current = null;
            scheduleStep(Backoff.MISSING_KEY);
        } catch (ArchivistException | IOException | RuntimeException e) {
            Duration delay = backoff.next();
            LOG.warn("{}: import failed ({}); retrying in {}", id, e.getMessage(), delay);
            ctx.events().on(ArchiveEvent.failed(id, Optional.empty(),
                    Failures.reason("import (retrying in " + delay + ")", e)));
            scheduleStep(delay);
        }
    }

    /** Takes the next waiting archive; false when none is left. */
    private boolean load(Community c) throws ArchivistException, IOException {
        ArchiveProgress state = ctx.states().open(id);
        while (true) {
            List<ArchiveProgress.HeldArchive> waiting = state.unimported();
            if (waiting.isEmpty()) {
                return false;
            }
            ArchiveProgress.HeldArchive next = waiting.get(0);
            List<ArchivedMessage> messages;
            TimeRange range;
            try {
                Optional<DownloadedArchives.Held> held = ctx.downloads().read(id, next.archiveId(), ctx.backends());
                if (held.isEmpty()) {
                    LOG.error("{}: downloaded archive {} is gone; it will be fetched again", id, next.archiveId());
                    state.forget(next.archiveId());
                    continue;
                }
                messages = ctx.format().readArchive(id, held.get().entry(), held.get().blob());
                range = held.get().entry().range();
                TimeRange r = range;
                currentFacts = new ArchiveProgress.ImportedFacts(held.get().blob().length, messages.size(),
                        messages.stream().allMatch(m -> r.contains(m.timestamp())));
            } catch (InvalidArchiveException e) {
                LOG.error("{}: archive {} is invalid ({}); dropped, it will be fetched again", id, next.archiveId(),
                        e.getMessage());
                state.forget(next.archiveId());
                ctx.downloads().delete(id, next.archiveId());
                continue;
            }
            ctx.events().on(ArchiveEvent.of(ArchiveEvent.Type.IMPORTING, id, range));
            pending = ArchiveBatches.of(c, messages, CHUNK);
            current = next;
            return true;
        }
    }

    private void scheduleStep(Duration delay) {
        synchronized (this) {
            if (stopped || scheduled) {
                return;
            }
            scheduled = true;
            timer = delay.isZero() ? TaskScheduler.Cancellable.NONE : queue.submitAfter(delay, this::step);
        }
        if (delay.isZero()) {
            queue.submit(this::step);
        }
    }
}
