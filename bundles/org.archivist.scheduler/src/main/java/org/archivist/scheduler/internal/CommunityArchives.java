package org.archivist.scheduler.internal;

import java.util.concurrent.CompletableFuture;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.host.ReceivedAnnouncement;

/** Both sides of one configured community, sharing its serial queue; the directory says which side runs. */
final class CommunityArchives {
    private final CommunityId id;
    private final SerialQueue queue;
    private final OwnerArchiver owner;
    private final MemberFlow member;
    private volatile ArchiveSettings settings;
    private final SchedulerContext ctx;
    private final Backoff lookup;
    private volatile boolean stopped;
    private volatile TaskScheduler.Cancellable retry = TaskScheduler.Cancellable.NONE;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CommunityArchives.class);

    CommunityArchives(SchedulerContext ctx, ArchiveSettings settings) {
        this(ctx, settings, new AcceptedIndexes(ctx));
    }

    /** @param indexes the member's fetched indexes, shared with the scheduler's archive listing */
    CommunityArchives(SchedulerContext ctx, ArchiveSettings settings, AcceptedIndexes indexes) {
        this.id = settings.community();
        this.settings = settings;
        this.ctx = ctx;
        this.lookup = ctx.newBackoff();
        this.queue = new SerialQueue(ctx.scheduler(), id.hex());
        this.owner = new OwnerArchiver(id, ctx, queue, settings);
        this.member = new MemberFlow(id, ctx, queue, settings, indexes);
    }

    CommunityId id() {
        return id;
    }

    ArchiveSettings settings() {
        return settings;
    }

    OwnerArchiver owner() {
        return owner;
    }

    MemberFlow member() {
        return member;
    }

    void start() {
        queue.submit(this::startNow);
    }

    /**
     * Starts the side the directory says; a community the directory does not know yet (its host
     * configuration may come later than this one) is looked up again with backoff.
     */
    private void startNow() {
        if (stopped) {
            return;
        }
        if (owner.start()) {
            return;
        }
        if (ctx.directory().community(id).isPresent()) {
            member.resume();
            return;
        }
        java.time.Duration delay = lookup.next();
        LOG.info("{}: not in the host's directory yet; looking again in {}", id, delay);
        retry = queue.submitAfter(delay, this::startNow);
    }

    void update(ArchiveSettings next) {
        settings = next;
        member.update(next);
        queue.submit(() -> {
            retry.cancel();
            owner.update(next);
            if (!owner.active()) {
                if (next.enabled()) {
                    member.resume();
                } else {
                    member.stop();
                }
            }
        });
    }

    /** Stops everything; {@code unseed} when the community's archives are switched off for good. */
    void stop(boolean unseed) {
        stopped = true;
        retry.cancel();
        member.stop();
        owner.stop(unseed);
    }

    MemberFlow.Verdict announced(ReceivedAnnouncement a) {
        return member.announced(a);
    }

    /** A backend came: the owner seeds and announces there, or downloads that waited for it resume. */
    void backendAdded(String name) {
        queue.submit(() -> {
            if (owner.active()) {
                owner.backendAdded(name);
            } else {
                member.resume();
            }
        });
    }

    /** Member side: resumes pending downloads and imports now (an operator's {@code archive:download}). */
    void downloadNow() {
        queue.submit(() -> {
            if (!stopped && !owner.active()) {
                member.resume();
            }
        });
    }

    /** Member side: downloads waiting for a retry try again now (the storage limit changed). */
    void retryDownloadsNow() {
        queue.submit(() -> {
            if (!stopped && !owner.active()) {
                member.retryNow();
            }
        });
    }

    /** The configured backends that are not registered now: the community's work on them is paused. */
    java.util.Set<String> missingBackends() {
        java.util.Set<String> missing = new java.util.TreeSet<>(settings.backends());
        missing.removeAll(ctx.backends().names());
        return missing;
    }

    CompletableFuture<Void> archiveNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.submit(() -> {
            try {
                owner.runNow();
                done.complete(null);
            } catch (ArchivistException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }
}
