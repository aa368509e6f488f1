package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.Community;
import org.archivist.api.host.MissingKeyException;
import org.archivist.api.service.ArchiveEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a member's downloaded archives, oldest download first (status-go's {@code importHistoryArchives}):
 * decode and verify one archive (read from its file as a stream, whole once before any message is handed out),
 * then hand its messages on the community's topics to the host's importer in chunks of {@value #CHUNK} at the
 * configured rate (each chunk a task scheduled after the previous, no thread waits; the file stays open between
 * chunks, one chunk in memory), mark the archive imported. A missing key waits an hour; other failures back off
 * exponentially, and the file is then read again past the messages already handed out.
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
    private boolean running;
    private boolean imported;
    private ArchiveProgress.HeldArchive current;
    private ArchiveProgress.ImportedFacts currentFacts;
    private IndexEntry currentEntry;
    private Path currentFile;
    private int selected;
    /** Selected messages of the current archive handed out before its file was last closed. */
    private int handedOut;
    private volatile ArchiveFileBatches pending;
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
        if (!running) {
            closePending(); // else the running step closes it; the next kick reopens the file where it was
        }
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
            running = true;
        }
        try {
            stepOnce();
        } finally {
            synchronized (this) {
                running = false;
                if (stopped) {
                    closePending();
                }
            }
        }
    }

    private void stepOnce() {
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
            if (pending == null) {
                reopen(c.get());
            }
            List<ArchivedMessage> chunk = pending.peek().orElse(List.of());
            if (!chunk.isEmpty()) {
                ctx.importer().importMessages(id, new ArrayList<>(chunk));
                pending.advance();
                synchronized (this) {
                    importedMessages += chunk.size();
                }
            }
            if (pending.peek().isEmpty()) {
                ArchiveProgress state = ctx.states().open(id);
                if (currentFacts != null) {
                    state.setImportedFacts(current.archiveId(), currentFacts);
                }
                state.markImported(current.archiveId());
                closePending();
                ctx.downloads().delete(id, current.archiveId());
                LOG.info("{}: archive {} imported ({} messages)", id, current.archiveId(), selected);
                current = null;
                imported = true;
                backoff.reset();
            }
            // the rate limit spans archives: the next chunk, of this archive or the next, waits its turn
            scheduleStep(Duration.ofNanos((long) (chunk.size() * 1e9 / settings.get().importRate())));
        } catch (MissingKeyException e) {
            LOG.warn("{}: {}; import retried in {}", id, e.getMessage(), Backoff.MISSING_KEY);
            ctx.events().on(ArchiveEvent.failed(id, Optional.empty(),
                    Failures.reason("import (retrying in " + Backoff.MISSING_KEY + ")", e)));
            closePending();
            current = null;
            scheduleStep(Backoff.MISSING_KEY);
        } catch (InvalidArchiveException e) {
            // it was read whole before its first message was handed out: its file changed since
            LOG.error("{}: archive {} turned invalid while it was imported ({}); dropped, it will be fetched again",
                    id, current == null ? "?" : current.archiveId(), e.getMessage());
            dropCurrent();
            scheduleStep(Duration.ZERO);
        } catch (ArchivistException | IOException | RuntimeException e) {
            closePending(); // reopened at the next step, past the messages already handed out
            Duration delay = backoff.next();
            LOG.warn("{}: import failed ({}); retrying in {}", id, e.getMessage(), delay);
            ctx.events().on(ArchiveEvent.failed(id, Optional.empty(),
                    Failures.reason("import (retrying in " + delay + ")", e)));
            scheduleStep(delay);
        }
    }

    /**
     * Takes the next waiting archive: reads it whole once (decoding and validating every message, unsealing it
     * when encrypted, nothing kept), then opens it again to hand its messages out in chunks; false when none is left.
     */
    private boolean load(Community c) throws ArchivistException, IOException {
        ArchiveProgress state = ctx.states().open(id);
        while (true) {
            List<ArchiveProgress.HeldArchive> waiting = state.unimported();
            if (waiting.isEmpty()) {
                return false;
            }
            ArchiveProgress.HeldArchive next = waiting.get(0);
            Optional<DownloadedArchives.Held> held;
            ArchiveFileBatches.Checked checked;
            try {
                held = ctx.downloads().read(id, next.archiveId(), ctx.backends());
                if (held.isEmpty()) {
                    LOG.error("{}: downloaded archive {} is gone; it will be fetched again", id, next.archiveId());
                    state.forget(next.archiveId());
                    continue;
                }
                IndexEntry entry = held.get().entry();
                checked = ArchiveFileBatches.check(ctx.format().openArchive(id, entry, held.get().blob()),
                        Set.copyOf(c.topics()), entry.range());
            } catch (InvalidArchiveException e) {
                LOG.error("{}: archive {} is invalid ({}); dropped, it will be fetched again", id, next.archiveId(),
                        e.getMessage());
                state.forget(next.archiveId());
                ctx.downloads().delete(id, next.archiveId());
                continue;
            }
            currentFacts = new ArchiveProgress.ImportedFacts(Files.size(held.get().blob()), checked.messages(),
                    checked.inRange());
            ctx.events().on(ArchiveEvent.of(ArchiveEvent.Type.IMPORTING, id, held.get().entry().range()));
            current = next;
            currentEntry = held.get().entry();
            currentFile = held.get().blob();
            selected = checked.selected();
            handedOut = 0;
            reopen(c);
            return true;
        }
    }

    /** Opens the current archive's file, past the messages of it already handed out. */
    private void reopen(Community c) throws ArchivistException, IOException {
        ArchiveFileBatches batches = new ArchiveFileBatches(ctx.format().openArchive(id, currentEntry, currentFile),
                Set.copyOf(c.topics()), CHUNK);
        try {
            batches.skip(handedOut);
        } catch (ArchivistException | IOException | RuntimeException e) {
            batches.close();
            throw e;
        }
        pending = batches;
    }

    private void dropCurrent() {
        closePending();
        if (current == null) {
            return;
        }
        try {
            ctx.states().open(id).forget(current.archiveId());
            ctx.downloads().delete(id, current.archiveId());
        } catch (ArchivistException | IOException e) {
            LOG.error("{}: cannot drop archive {}: {}", id, current.archiveId(), e.getMessage());
        }
        current = null;
    }

    /** Closes the current archive's file, remembering how far its messages were handed out. */
    private synchronized void closePending() {
        ArchiveFileBatches p = pending;
        pending = null;
        if (p != null) {
            handedOut = p.consumed();
            try {
                p.close();
            } catch (IOException e) {
                LOG.debug("{}: closing a downloaded archive: {}", id, e.getMessage());
            }
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
