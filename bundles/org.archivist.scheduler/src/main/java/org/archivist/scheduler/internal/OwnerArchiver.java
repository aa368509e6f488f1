package org.archivist.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.host.Community;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.link.StatusAnnouncements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control node's side of one community (spec section 5): on start re-seed what exists, then case A
 * (nothing archived yet: the interval), B (last archive younger than the interval: seed, catch up when
 * the interval completes, then the interval) or C (older: archive up to now, then the interval); every
 * run archives each configured backend from its own last end, seeds and announces each link once. Work
 * runs on the community's serial queue; timers are tasks on the shared pool, nothing waits in between.
 * Thread-safe: every entry point holds this object's lock.
 */
final class OwnerArchiver {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerArchiver.class);

    private final CommunityId id;
    private final SchedulerContext ctx;
    private final SerialQueue queue;
    private ArchiveSettings settings;
    private boolean active;
    private TaskScheduler.Cancellable timer = TaskScheduler.Cancellable.NONE;
    private TaskScheduler.Cancellable retry = TaskScheduler.Cancellable.NONE;
    /** The next interval run; read without the lock (a status must not wait for a run). */
    private volatile Instant nextTick;
    /** The retry after a failed run, if one is pending; read without the lock. */
    private volatile Instant retryAt;
    private final Backoff backoff;
    /** The schedule case taken at the last start (A, B or C), for status and tests. */
    private char startCase = '-';

    OwnerArchiver(CommunityId id, SchedulerContext ctx, SerialQueue queue, ArchiveSettings settings) {
        this.id = id;
        this.ctx = ctx;
        this.queue = queue;
        this.settings = settings;
        this.backoff = ctx.newBackoff();
    }

    /** Must run on the queue. Starts the owner tasks if this node controls the community; says if it does. */
    synchronized boolean start() {
        Optional<Community> c = ctx.directory().community(id);
        if (c.isEmpty() || !c.get().controlNode() || !c.get().joined() || !settings.enabled()) {
            return false;
        }
        active = true;
        long now = ctx.nowSeconds();
        long interval = settings.interval().getSeconds();
        long lastEnd = lastEnd(c.get());
        boolean runNow = lastEnd != 0 && now - lastEnd >= interval;
        if (!runNow) {
            seedAndAnnounce(settings.backends());
        }
        if (c.get().topics().isEmpty() || lastEnd == 0) {
            startCase = 'A';
            LOG.info("{}: nothing to archive yet; first run in {}", id, settings.interval());
            scheduleTick(ctx.scheduler().now().plus(settings.interval()));
        } else if (!runNow) {
            startCase = 'B';
            long catchUpEnd = lastEnd + interval;
            LOG.info("{}: last archive ends {}s ago; catching up at {}", id, now - lastEnd, Instant.ofEpochSecond(catchUpEnd));
            nextTick = Instant.ofEpochSecond(catchUpEnd);
            timer = queue.submitAfter(Duration.ofSeconds(catchUpEnd - now), () -> catchUp(catchUpEnd));
        } else {
            startCase = 'C';
            LOG.info("{}: last archive ends {}s ago; archiving up to now", id, now - lastEnd);
            run(now);
            scheduleTick(ctx.scheduler().now().plus(settings.interval()));
        }
        return true;
    }

    /** Must run on the queue. Applies a new configuration: from the next run, or now for enable/disable. */
    synchronized void update(ArchiveSettings next) {
        ArchiveSettings previous = settings;
        settings = next;
        if (!active) {
            start();
            return;
        }
        if (!next.enabled()) {
            stop(true);
            return;
        }
        Set<String> dropped = new HashSet<>(previous.backends());
        dropped.removeAll(next.backends());
        unseed(dropped);
        if (!previous.interval().equals(next.interval())) {
            timer.cancel();
            scheduleTick(ctx.scheduler().now().plus(next.interval()));
        }
    }

    /** Must run on the queue. Stops the timers and, when asked, stops offering the archives. */
    synchronized void stop(boolean unseed) {
        boolean wasActive = active;
        active = false;
        timer.cancel();
        retry.cancel();
        nextTick = null;
        retryAt = null;
        if (unseed && wasActive) {
            unseed(settings.backends());
        }
    }

    /** Must run on the queue: archives what accumulated since the last archive, now. */
    synchronized void runNow() throws ArchivistException {
        if (!active) {
            throw new ArchivistException("community " + id + " is not archived by this node (not its control node,"
                    + " not joined, or archives disabled)");
        }
        run(ctx.nowSeconds());
    }

    synchronized boolean active() {
        return active;
    }

    synchronized char startCase() {
        return startCase;
    }

    /** The next scheduled run: the interval's, or a pending retry's when sooner. Never waits for a running run. */
    Optional<Instant> nextRun() {
        Instant tick = nextTick;
        Instant again = retryAt;
        if (again != null && (tick == null || again.isBefore(tick))) {
            return Optional.of(again);
        }
        return Optional.ofNullable(tick);
    }

    private synchronized void catchUp(long end) {
        if (active) {
            run(end);
            scheduleTick(ctx.scheduler().now().plus(settings.interval()));
        }
    }

    private synchronized void retryRun() {
        retryAt = null;
        if (active) {
            run(ctx.nowSeconds());
        }
    }

    private void scheduleTick(Instant at) {
        nextTick = at;
        timer = queue.submitAfter(Duration.between(ctx.scheduler().now(), at), this::tick);
    }

    private synchronized void tick() {
        if (!active) {
            return;
        }
        Instant planned = nextTick;
        run(ctx.nowSeconds());
        scheduleTick((planned == null ? ctx.scheduler().now() : planned).plus(settings.interval()));
    }

    /** status-go's last end: the persisted end date, else the oldest stored message, else 0. */
    private long lastEnd(Community c) {
        long min = Long.MAX_VALUE;
        for (String type : settings.backends()) {
            min = Math.min(min, lastEnd(c, type));
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    private long lastEnd(Community c, String type) {
        try {
            OptionalLong persisted = ctx.states().open(id).lastArchiveEnd(type);
            if (persisted.isPresent() && persisted.getAsLong() > 0) {
                return persisted.getAsLong();
            }
            OptionalLong committed = committedEnd(type);
            if (committed.isPresent()) {
                LOG.info("{}: {} already holds archives up to {} (a migrated set); continuing from there", id, type,
                        Instant.ofEpochSecond(committed.getAsLong()));
                ctx.states().open(id).setLastArchiveEnd(type, committed.getAsLong());
                return committed.getAsLong();
            }
        } catch (ArchivistException e) {
            LOG.error("{}: cannot read the archive state: {}", id, e.getMessage());
            return 0;
        }
        return c.topics().isEmpty() ? 0 : ctx.store().oldestTimestamp(id, Set.copyOf(c.topics())).orElse(0);
    }

    /**
     * The end of the last archive a backend's committed set holds when this node never archived there (a set
     * migrated from another backend): the backend continues from it instead of archiving the history again.
     */
    private OptionalLong committedEnd(String type) throws ArchivistException {
        Optional<StorageBackend> backend = ctx.backends().get(type);
        if (backend.isEmpty() || backend.get().currentLink(id).isEmpty()) {
            return OptionalLong.empty();
        }
        try (PublishSession session = backend.get().beginPublish(id)) {
            Optional<byte[]> index = session.existingIndex();
            if (index.isEmpty() || index.get().length == 0) {
                return OptionalLong.empty();
            }
            return ctx.format().readIndex(id, index.get(), backend.get().linkFormat()).stream()
                    .mapToLong(e -> e.range().to()).max();
        }
    }

    /** One archive run up to {@code to} on every configured backend, then seed and announce. */
    private void run(long to) {
        Optional<Community> oc = ctx.directory().community(id);
        if (oc.isEmpty()) {
            LOG.warn("{}: left the directory; no archive run", id);
            return;
        }
        Community c = oc.get();
        long runFrom = Long.MAX_VALUE;
        int created = 0;
        long bytes = 0;
        boolean failed = false;
        boolean announcedCreating = false;
        for (String type : settings.backends()) {
            Optional<StorageBackend> backend = ctx.backends().get(type);
            if (backend.isEmpty()) {
                LOG.warn("{}: backend {} is not available; it catches up on a later run", id, type);
                continue;
            }
            long from = lastEnd(c, type);
            if (from == 0 || from >= to) {
                continue;
            }
            if (!announcedCreating) {
                ctx.events().on(ArchiveEvent.of(ArchiveEvent.Type.CREATING, id));
                announcedCreating = true;
            }
            runFrom = Math.min(runFrom, from);
            try {
                ArchiveFormat.Published p = ctx.format().publish(c, TimeRange.of(from, to), settings.partition(),
                        backend.get());
                ctx.states().open(id).setLastArchiveEnd(type, to);
                created += p.archives();
                bytes += p.bytes();
                LOG.info("{}: {} archive(s) of [{}, {}) published on {}", id, p.archives(), from, to, type);
            } catch (ArchivistException | RuntimeException e) {
                failed = true;
                LOG.error("{}: archive run [{}, {}) on {} failed: {}", id, from, to, type, e.getMessage(), e);
                ctx.events().on(ArchiveEvent.failed(id, Optional.of(TimeRange.of(from, to)),
                        Failures.reason("archive run on " + type, e)));
            }
        }
        if (runFrom != Long.MAX_VALUE) {
            TimeRange range = TimeRange.of(runFrom, to);
            ctx.events().on(created > 0 ? ArchiveEvent.of(ArchiveEvent.Type.CREATED, id, range, bytes)
                    : ArchiveEvent.of(ArchiveEvent.Type.NONE_CREATED, id, range));
        }
        boolean announced = seedAndAnnounce(settings.backends());
        if (failed || !announced) {
            Duration delay = backoff.next();
            LOG.warn("{}: retrying in {} (failure {} in a row)", id, delay, backoff.failures());
            retry.cancel();
            retryAt = ctx.scheduler().now().plus(delay);
            retry = queue.submitAfter(delay, this::retryRun);
        } else {
            retry.cancel();
            retryAt = null;
            backoff.reset();
        }
    }

    /** Must run on the queue. A backend came: if this community publishes there, seed and announce its set. */
    synchronized void backendAdded(String name) {
        if (active && settings.backends().contains(name)) {
            LOG.info("{}: backend {} is available again; its archives catch up on the next run", id, name);
            seedAndAnnounce(Set.of(name));
        }
    }

    /** Seeds and announces the current link of each backend; false if one of them failed. */
    private boolean seedAndAnnounce(Set<String> types) {
        boolean ok = true;
        for (String type : types) {
            Optional<StorageBackend> backend = ctx.backends().get(type);
            if (backend.isEmpty()) {
                continue;
            }
            StorageBackend b = backend.get();
            try {
                Optional<String> link = b.currentLink(id);
                if (link.isEmpty()) {
                    continue;
                }
                b.seed(id);
                ctx.events().on(ArchiveEvent.of(ArchiveEvent.Type.SEEDING, id));
                ArchiveProgress state = ctx.states().open(id);
                LinkFormat format = b.linkFormat();
                long clock = Math.max(ctx.nowMillis(), state.clock(format.kind()));
                StatusAnnouncements.Outgoing out = ctx.announcements().encode(format, new Announcement(clock, link.get()));
                ctx.channel().publish(id, out.chat(), out.type(), out.payload());
                state.setClock(format.kind(), clock);
                ctx.events().on(ArchiveEvent.of(ArchiveEvent.Type.ANNOUNCED, id));
                LOG.info("{}: announced {} {} (clock {}, type {} on {})", id, format.kind(), link.get(), clock,
                        out.type(), out.chat());
            } catch (ArchivistException | RuntimeException e) {
                ok = false;
                LOG.error("{}: seeding or announcing on {} failed: {}", id, type, e.getMessage());
                ctx.events().on(ArchiveEvent.failed(id, Optional.empty(),
                        Failures.reason("seeding or announcing on " + type, e)));
            }
        }
        return ok;
    }

    private void unseed(Set<String> types) {
        for (String type : types) {
            Optional<StorageBackend> backend = ctx.backends().get(type);
            if (backend.isPresent()) {
                try {
                    backend.get().unseed(id);
                    ctx.events().on(ArchiveEvent.of(ArchiveEvent.Type.UNSEEDED, id));
                } catch (ArchivistException | RuntimeException e) {
                    LOG.error("{}: unseeding {} failed: {}", id, type, e.getMessage());
                }
            }
        }
    }
}
