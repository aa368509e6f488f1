package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.TimeRange;
import org.archivist.api.host.Community;
import org.archivist.api.host.MissingKeyException;
import org.archivist.api.host.ReceivedAnnouncement;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.ArchiveSizeLookup;
import org.archivist.api.storage.DownloadProgress;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.core.link.StatusAnnouncements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's side of one community (spec section 6): accept an announced link only when every check
 * passes, store its clock at once, cancel a running download of the same kind, fetch the index, download
 * the archives not held yet (oldest first by default) that its {@link HistoryWindow} selects, then hand over to
 * the {@link ImportRunner}. The fetched index is kept ({@link AcceptedIndexes}) for the archive listing and for
 * the archives left out: a wider window or a range asked for on demand fetches them from the last link at the next
 * {@link #resume()}. Failures retry with exponential backoff, a missing key after an hour; a pending link resumes
 * after a restart without fetching what is held.
 */
final class MemberFlow {
    private static final Logger LOG = LoggerFactory.getLogger(MemberFlow.class);

    /** Why an announcement was not acted on; {@link #ACCEPTED} when it was. */
    enum Verdict {
        ACCEPTED, MALFORMED, NOT_SIGNED_BY_COMMUNITY, UNKNOWN_COMMUNITY, DISABLED, CONTROL_NODE, NOT_JOINED,
        NOT_PREFERRED, NO_BACKEND, STALE_CLOCK, SAME_LINK, ALREADY_DOWNLOADING, UNKNOWN_TYPE
    }

    /** A decoded announcement of one backend's link kind. */
    record Link(LinkKind kind, long clock, String link) {
    }

    private final CommunityId id;
    private final SchedulerContext ctx;
    private final SerialQueue queue;
    private final ImportRunner imports;
    private final Map<LinkKind, Download> downloads = new HashMap<>();
    private final HeldContent content;
    private final AcceptedIndexes indexes;
    private volatile ArchiveSettings settings;
    private volatile Optional<String> lastError = Optional.empty();

    MemberFlow(CommunityId id, SchedulerContext ctx, SerialQueue queue, ArchiveSettings settings,
            AcceptedIndexes indexes) {
        this.id = id;
        this.ctx = ctx;
        this.queue = queue;
        this.settings = settings;
        this.indexes = indexes;
        this.imports = new ImportRunner(id, ctx, queue, () -> this.settings);
        this.content = new HeldContent(ctx.backends(), ctx.format());
    }

    void update(ArchiveSettings next) {
        settings = next;
    }

    ImportRunner imports() {
        return imports;
    }

    /** Checks an announcement and, if it passes, starts its download; returns the verdict. */
    synchronized Verdict announced(ReceivedAnnouncement a) {
        Link link;
        try {
            Optional<StatusAnnouncements.Decoded> decoded = ctx.announcements().decode(a.applicationMessageType(),
                    a.payload(), ctx.backends().formats());
            if (decoded.isEmpty()) {
                LOG.info("{}: announcement of type {} ignored: no announcement travels as that type", id,
                        a.applicationMessageType());
                return Verdict.UNKNOWN_TYPE;
            }
            Announcement d = decoded.get().announcement();
            link = new Link(decoded.get().kind(), d.clock(), d.link());
        } catch (InvalidArchiveException e) {
            LOG.warn("{}: {}", id, e.getMessage());
            return Verdict.MALFORMED;
        }
        return accept(link, a.origin(), a.signer().equals(a.community()));
    }

    /**
     * A magnet link from the answer to this node's join request, which the host authenticated: status-go's
     * {@code CommunityRequestToJoinResponse.magnet_uri}, downloaded without the clock and last-seen checks.
     */
    synchronized Verdict joinResponseLink(String magnetLink) {
        return accept(new Link(MagnetLinkFormat.KIND, 0, magnetLink), ReceivedAnnouncement.Origin.JOIN_RESPONSE,
                true);
    }

    /** Raises the stored clock of {@code kind} to {@code clock} if it is lower; returns the clock in force. */
    synchronized long raiseClockFloor(LinkKind kind, long clock) throws ArchivistException {
        ArchiveProgress state = ctx.states().open(id);
        long current = state.clock(kind);
        if (clock > current) {
            state.setClock(kind, clock);
            LOG.info("{}: {} clock floor raised from {} to {}", id, kind, current, clock);
            return clock;
        }
        return current;
    }

    private Verdict accept(Link link, ReceivedAnnouncement.Origin origin, boolean signedByCommunity) {
        Verdict v = check(link, origin, signedByCommunity);
        if (v != Verdict.ACCEPTED) {
            LOG.info("{}: {} announcement {} (clock {}) ignored: {}", id, link.kind(), link.link(), link.clock(), v);
            return v;
        }
        try {
            ArchiveProgress state = ctx.states().open(id);
            state.setClock(link.kind(), Math.max(state.clock(link.kind()), link.clock()));
            state.setPendingLink(link.kind(), Optional.of(link.link()));
        } catch (ArchivistException e) {
            LOG.error("{}: cannot record the accepted link: {}", id, e.getMessage());
            return Verdict.ACCEPTED;
        }
        LOG.info("{}: {} announcement {} (clock {}) accepted", id, link.kind(), link.link(), link.clock());
        startDownload(link.kind(), link.link());
        return Verdict.ACCEPTED;
    }

    private Verdict check(Link link, ReceivedAnnouncement.Origin origin, boolean signedByCommunity) {
        if (!signedByCommunity) {
            return Verdict.NOT_SIGNED_BY_COMMUNITY;
        }
        Optional<Community> c = ctx.directory().community(id);
        if (c.isEmpty()) {
            return Verdict.UNKNOWN_COMMUNITY;
        }
        if (!settings.enabled()) {
            return Verdict.DISABLED;
        }
        if (c.get().controlNode()) {
            return Verdict.CONTROL_NODE;
        }
        if (!c.get().joined()) {
            return Verdict.NOT_JOINED;
        }
        Optional<String> backend = ctx.backends().nameOf(link.kind());
        if (backend.isEmpty()) {
            return Verdict.NO_BACKEND;
        }
        if (!settings.acceptsLinksOf(backend.get())) {
            return Verdict.NOT_PREFERRED;
        }
        Download running = downloads.get(link.kind());
        if (running != null && running.link.equals(link.link()) && !running.done) {
            return Verdict.ALREADY_DOWNLOADING;
        }
        if (origin == ReceivedAnnouncement.Origin.JOIN_RESPONSE) {
            return Verdict.ACCEPTED;
        }
        ArchiveProgress state;
        try {
            state = ctx.states().open(id);
        } catch (ArchivistException e) {
            LOG.error("{}: cannot read the archive state: {}", id, e.getMessage());
            return Verdict.UNKNOWN_COMMUNITY;
        }
        if (link.clock() < state.clock(link.kind())) {
            return Verdict.STALE_CLOCK;
        }
        if (state.lastLink(link.kind()).filter(link.link()::equals).isPresent()) {
            return Verdict.SAME_LINK;
        }
        return Verdict.ACCEPTED;
    }

    /** After a restart: downloads still pending, imports still waiting. */
    synchronized void resume() {
        if (!settings.enabled()) {
            return;
        }
        Optional<Community> c = ctx.directory().community(id);
        if (c.isEmpty() || c.get().controlNode() || !c.get().joined()) {
            return;
        }
        try {
            ArchiveProgress state = ctx.states().open(id);
            if (downloads.values().stream().allMatch(d -> d.done)) { // a running download's files are not leftovers
                sweepLeftovers(state);
            }
            for (String name : ctx.backends().names()) {
                LinkKind kind = ctx.backends().get(name).map(b -> b.linkFormat().kind()).orElse(null);
                if (kind == null) {
                    continue;
                }
                Optional<String> pending = state.pendingLink(kind);
                if (pending.isEmpty()) {
                    pending = leftOutOfLastLink(kind, state);
                }
                Download running = downloads.get(kind);
                if (pending.isPresent() && settings.acceptsLinksOf(name)
                        && (running == null || running.done || !running.link.equals(pending.get()))) {
                    LOG.info("{}: resuming the download of {}", id, pending.get());
                    startDownload(kind, pending.get());
                }
            }
        } catch (ArchivistException e) {
            LOG.error("{}: cannot read the archive state: {}", id, e.getMessage());
        }
        imports.kick();
    }

    /**
     * The last complete link of {@code kind} when its kept index lists archives the history window selects now but
     * this member does not hold (the window widened, a range was asked for, a downloaded copy was dropped).
     */
    private Optional<String> leftOutOfLastLink(LinkKind kind, ArchiveProgress state) {
        Optional<String> last = state.lastLink(kind);
        Optional<AcceptedIndexes.Accepted> index = indexes.get(id, kind);
        if (last.isEmpty() || index.isEmpty() || !index.get().link().equals(last.get())) {
            return Optional.empty();
        }
        HistoryWindow window = window(state);
        boolean wanted = index.get().entries().stream()
                .anyMatch(e -> window.wants(e.range()) && !state.holds(e.archiveId()));
        return wanted ? last : Optional.empty();
    }

    private HistoryWindow window(ArchiveProgress state) {
        return HistoryWindow.of(settings, ctx.nowSeconds(), state.requestedRanges());
    }

    /**
     * Asks for the archives overlapping {@code range} whatever the window: recorded durably, then fetched by a
     * {@link #resume()} on the community's queue (after a download running now, which fetched what it selected).
     */
    void requestRange(TimeRange range) throws ArchivistException {
        ctx.states().open(id).addRequestedRange(range);
        LOG.info("{}: archives of {} asked for on demand", id, range);
        queue.submit(this::resume);
    }

    /** Deletes downloaded files a crash left behind (never one waiting for import); see DownloadedArchives#sweep. */
    private void sweepLeftovers(ArchiveProgress state) {
        Set<String> waiting = state.unimported().stream().map(ArchiveProgress.HeldArchive::archiveId)
                .collect(Collectors.toSet());
        try {
            List<String> removed = ctx.downloads().sweep(id, waiting);
            if (!removed.isEmpty()) {
                LOG.info("{}: removed {} file(s) an interrupted download or import left behind: {}", id,
                        removed.size(), removed);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: cannot clean up the downloaded archives: {}", id, e.getMessage());
        }
    }

    synchronized void stop() {
        downloads.values().forEach(Download::cancel);
        downloads.clear();
        imports.stop();
    }

    /** Why the last download attempt failed, until a download completes. */
    Optional<String> lastError() {
        return lastError;
    }

    /**
     * Downloads waiting for a retry try again now (the storage limit was raised, space was freed); call on the
     * community's queue.
     */
    synchronized void retryNow() {
        downloads.values().forEach(Download::retryNow);
    }

    /** The link being downloaded now, if any. */
    synchronized Optional<String> downloading(LinkKind kind) {
        Download d = downloads.get(kind);
        return d == null || d.done ? Optional.empty() : Optional.of(d.link);
    }

    private void startDownload(LinkKind kind, String link) {
        Download previous = downloads.get(kind);
        if (previous != null) {
            previous.cancel();
        }
        Download d = new Download(kind, link);
        downloads.put(kind, d);
        queue.submit(d::run);
    }

    /** One accepted link's download, retried with backoff until it completes, fails for good, or is replaced. */
    private final class Download {
        final LinkKind kind;
        final String link;
        private final Backoff backoff = ctx.newBackoff();
        private volatile boolean cancelled;
        private volatile boolean done;
        private volatile ArchiveDownload transfer;
        private volatile TaskScheduler.Cancellable retry = TaskScheduler.Cancellable.NONE;
        private volatile boolean waiting;
        /** The transfer a storage-limit stop kept open (its metadata and index) for the retry. */
        private volatile ArchiveDownload parked;

        Download(LinkKind kind, String link) {
            this.kind = kind;
            this.link = Objects.requireNonNull(link);
        }

        void cancel() {
            cancelled = true;
            retry.cancel();
            ArchiveDownload t = transfer;
            if (t != null) {
                t.cancel();
            }
            closeParked();
        }

        private void closeParked() {
            ArchiveDownload p = parked;
            parked = null;
            if (p != null) {
                p.close();
            }
        }

        void retryNow() {
            if (waiting && !cancelled && !done) {
                retry.cancel();
                waiting = false;
                queue.submit(this::run);
            }
        }

        void run() {
            waiting = false;
            if (cancelled || done) {
                return;
            }
            Optional<StorageBackend> backend = ctx.backends().forKind(kind);
            if (backend.isEmpty()) {
                LOG.warn("{}: no backend for {} links now; the download resumes when one appears", id, kind);
                return;
            }
            ArchiveDownload dl = null;
            boolean park = false;
            try {
                dl = parked != null ? parked : backend.get().download(id, link);
                parked = null;
                transfer = dl;
                if (cancelled) {
                    return;
                }
                fetch(dl, backend.get());
                done = true;
                lastError = Optional.empty();
                imports.kick();
            } catch (StorageLimitException e) {
                // the transfer stays open (metadata, index, connections; it fetches only the pieces asked for) so
                // that the retry goes on where it stopped instead of starting over. Needed on BitTorrent's bt engine
                // (the fallback where libtorrent's native does not load): a second fetch of the same torrent in the
                // same bt engine gets no metadata, and StorageLimitEndToEndTest on bt times out without this.
                // libtorrent fetches the same magnet again (LtReAddTest, OnDemandBitTorrentEndToEndTest).
                park = true;
                retryIn(backoff.next(), e);
                imports.kick(); // what fitted is imported now, which frees its copy waiting for import
            } catch (CancellationException e) {
                LOG.info("{}: download of {} cancelled", id, link);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (MissingKeyException e) {
                retryIn(Backoff.MISSING_KEY, e);
            } catch (StorageException e) {
                if (e.retryable()) {
                    retryIn(backoff.next(), e);
                } else {
                    giveUp(e);
                }
            } catch (InvalidArchiveException e) {
                giveUp(e);
            } catch (ArchivistException | IOException | RuntimeException e) {
                retryIn(backoff.next(), e);
            } finally {
                transfer = null;
                if (park && !cancelled) {
                    parked = dl;
                    if (cancelled) {
                        closeParked();
                    }
                } else if (dl != null) {
                    dl.close();
                }
            }
        }

        private void fetch(ArchiveDownload dl, StorageBackend backend)
                throws ArchivistException, InterruptedException, IOException {
            LinkFormat format = backend.linkFormat();
            String name = ctx.backends().nameOf(kind).orElse(kind.name());
            ArchiveProgress state = ctx.states().open(id);
            byte[] index = dl.index();
            List<IndexEntry> entries = ctx.format().readIndex(id, index, format);
            indexes.fetched(id, kind, name, link, index, entries);
            Comparator<IndexEntry> order = Comparator.comparingLong(e -> e.range().from());
            if (settings.downloadOrder() == ArchiveSettings.DownloadOrder.NEWEST_FIRST) {
                order = order.reversed();
            }
            HistoryWindow window = window(state);
            List<IndexEntry> notHeld = entries.stream().filter(e -> !state.holds(e.archiveId())).toList();
            List<IndexEntry> missing = notHeld.stream().filter(e -> window.wants(e.range())).sorted(order).toList();
            LOG.info("{}: index of {} lists {} archive(s), {} missing, {} more outside the history window", id, link,
                    entries.size(), missing.size(), notHeld.size() - missing.size());
            if (!missing.isEmpty()) {
                ctx.events().on(ArchiveEvent.of(ArchiveEvent.Type.DOWNLOAD_STARTED, id));
            }
            for (IndexEntry e : missing) {
                if (cancelled) {
                    throw new CancellationException("replaced by a newer link");
                }
                Optional<String> held = content.heldAs(state, id, name, backend, e);
                if (held.isPresent()) {
                    state.addHeldElsewhere(e.archiveId());
                    LOG.info("{}: archive {} holds the content of {}, already held: not downloaded", id,
                            e.archiveId(), held.get());
                    continue;
                }
                ctx.storageLimit().admit(e, dl instanceof ArchiveSizeLookup sizes ? Optional.of(sizes)
                        : Optional.empty());
                download(dl, format, state, e);
            }
            if (cancelled) {
                throw new CancellationException("replaced by a newer link");
            }
            state.completeLink(kind, link);
            if (!missing.isEmpty()) {
                ctx.events().on(ArchiveEvent.of(ArchiveEvent.Type.SEEDING, id));
            }
        }

        /**
         * Fetches one archive into a temporary file (in bounded memory, whatever its size), keys its content, and
         * keeps it as downloaded unless its content is held already; the temporary file never outlives this.
         */
        private void download(ArchiveDownload dl, LinkFormat format, ArchiveProgress state, IndexEntry e)
                throws ArchivistException, InterruptedException, IOException {
            Path part = ctx.downloads().partial(id, e.archiveId());
            try {
                long size = dl.archiveTo(e.location(), part, DownloadProgress.NONE);
                List<String> keys = content.keysOf(id, part);
                Optional<String> held = content.heldAs(state, keys);
                if (held.isPresent()) {
                    state.addHeldElsewhere(e.archiveId());
                    LOG.info("{}: archive {} has the same bytes as {}, already held: not imported again", id,
                            e.archiveId(), held.get());
                    return;
                }
                ctx.downloads().save(id, format, e, part);
                state.addDownloaded(e.archiveId(), keys);
                ctx.events().on(ArchiveEvent.of(ArchiveEvent.Type.ARCHIVE_DOWNLOADED, id, e.range(), size));
            } finally {
                Files.deleteIfExists(part);
            }
        }

        private void retryIn(Duration delay, Exception cause) {
            if (cancelled) {
                return;
            }
            LOG.warn("{}: download of {} failed ({}); retrying in {}", id, link, cause.getMessage(), delay);
            lastError = Optional.of(Failures.reason("download of " + link, cause));
            waiting = true;
            ctx.events().on(ArchiveEvent.failed(id, Optional.empty(),
                    Failures.reason("download of " + link + " (retrying in " + delay + ")", cause)));
            retry = queue.submitAfter(delay, this::run);
        }

        private void giveUp(Exception cause) {
            LOG.error("{}: download of {} failed for good: {}", id, link, cause.getMessage());
            lastError = Optional.of(Failures.reason("download of " + link + " (given up)", cause));
            ctx.events().on(ArchiveEvent.failed(id, Optional.empty(),
                    Failures.reason("download of " + link + " (given up)", cause)));
            done = true;
            try {
                ArchiveProgress state = ctx.states().open(id);
                if (state.pendingLink(kind).filter(link::equals).isPresent()) {
                    state.setPendingLink(kind, Optional.empty());
                }
            } catch (ArchivistException e) {
                LOG.error("{}: cannot clear the pending link: {}", id, e.getMessage());
            }
        }
    }
}
