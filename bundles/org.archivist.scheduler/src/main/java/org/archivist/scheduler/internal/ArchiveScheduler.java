package org.archivist.scheduler.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.TimeRange;
import org.archivist.api.host.AnnouncementListener;
import org.archivist.api.host.Community;
import org.archivist.api.host.ReceivedAnnouncement;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.ReleasePolicy;
import org.archivist.api.service.StorageUsage;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.link.MagnetLinkFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.inject.Inject;

/**
 * Archivist's scheduler: one {@link CommunityArchives} per configured community, on one shared pool.
 * Configurations are added, changed and removed at run time; announcements from the host channel are
 * routed to the community they came on.
 */
public class ArchiveScheduler implements ArchiveService, AnnouncementListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveScheduler.class);
    private static final Duration WAIT = Duration.ofMinutes(10);

    private final SchedulerContext ctx;
    private final Map<CommunityId, CommunityArchives> communities = new ConcurrentHashMap<>();
    private final CommittedIndexes indexes;
    private final ArchiveSummaries summaries;
    private final AcceptedIndexes accepted;
    private final MemberSummaries memberSummaries;

    @Inject
    public ArchiveScheduler(SchedulerContext ctx) {
        this.ctx = ctx;
        this.indexes = new CommittedIndexes(ctx.format());
        this.summaries = new ArchiveSummaries(ctx, this);
        this.accepted = new AcceptedIndexes(ctx);
        this.memberSummaries = new MemberSummaries(ctx, accepted);
    }

    @Override
    public List<ArchiveSummary> archiveSummaries(CommunityId id) throws ArchivistException {
        CommunityArchives c = configured(id);
        if (!controlNode(id)) {
            return memberSummaries.archives(id, c.settings());
        }
        return summaries.archives(id);
    }

    @Override
    public List<ArchiveSummary> verifyArchives(CommunityId id) throws ArchivistException {
        configured(id);
        if (!controlNode(id)) {
            throw new ArchivistException("community " + id + ": a member checks each archive when it imports it"
                    + " (archiveSummaries shows the outcome); stored copies are verified on the control node");
        }
        return summaries.verify(id);
    }

    @Override
    public List<ArchiveSummary> fetchRange(CommunityId id, TimeRange range) throws ArchivistException {
        java.util.Objects.requireNonNull(range, "range");
        CommunityArchives c = configured(id);
        if (controlNode(id)) {
            throw new ArchivistException("this node is the control node of " + id
                    + ": it publishes the archives, it does not fetch them");
        }
        c.member().requestRange(range);
        List<ArchiveSummary> selected = new ArrayList<>();
        for (ArchiveSummary s : memberSummaries.archives(id, c.settings())) {
            if (RequestedRanges.overlap(s.range(), range)) {
                selected.add(s);
            }
        }
        return selected;
    }

    private boolean controlNode(CommunityId id) {
        return ctx.directory().community(id).map(Community::controlNode).orElse(false);
    }

    /** The committed indexes this scheduler read for its owners' status, shared with {@link ArchiveSummaries}. */
    CommittedIndexes committedIndexes() {
        return indexes;
    }

    /** Adds a community's configuration, or applies a changed one. */
    public void configure(ArchiveSettings settings) {
        communities.compute(settings.community(), (id, existing) -> {
            if (existing == null) {
                CommunityArchives c = new CommunityArchives(ctx, settings, accepted);
                LOG.info("{}: archives configured ({})", id, settings);
                c.start();
                return c;
            }
            existing.update(settings);
            return existing;
        });
    }

    /** Removes a community's configuration: its tasks stop and its archives are no longer offered. */
    public void remove(CommunityId id) {
        CommunityArchives c = communities.remove(id);
        if (c != null) {
            c.stop(true);
        }
    }

    /** Stops a community's tasks without unseeding (its configuration stays; the node or bundle stops). */
    public void detach(CommunityId id) {
        CommunityArchives c = communities.remove(id);
        if (c != null) {
            c.stop(false);
        }
    }

    /**
     * Changes the node-wide storage limit at run time (0: none); downloads the old limit stopped try again now.
     *
     * @throws IllegalArgumentException when {@code maxBytes} is negative
     */
    public void setMaxStorageBytes(long maxBytes) {
        long before = ctx.storageLimit().maxBytes();
        ctx.storageLimit().setMaxBytes(maxBytes);
        if (before != maxBytes) {
            LOG.info("storage limit changed from {} to {} bytes (0: none)", before, maxBytes);
            communities.values().forEach(CommunityArchives::retryDownloadsNow);
        }
    }

    /** Changes what the node releases at its storage limit. */
    public void setStorageRelease(ReleasePolicy policy) {
        ReleasePolicy before = ctx.storageLimit().releasePolicy();
        ctx.storageLimit().setReleasePolicy(policy);
        if (before != policy) {
            LOG.info("storage release policy changed from {} to {}", before.configValue(), policy.configValue());
            communities.values().forEach(CommunityArchives::retryDownloadsNow);
        }
    }

    /** The node-wide storage limit: usage, room for a write, releases. */
    public NodeStorage nodeStorage() {
        return ctx.storageLimit();
    }

    @Override
    public Optional<StorageUsage> storageUsage() {
        try {
            return Optional.of(ctx.storageLimit().usage());
        } catch (java.io.IOException e) {
            LOG.warn("cannot measure the storage in use: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** A storage backend was registered under {@code name}: owners seed and announce there, downloads resume. */
    public void backendAdded(String name) {
        communities.values().forEach(c -> c.backendAdded(name));
    }

    /**
     * A storage backend went away: the communities publishing there pause on it (their status says so, see
     * {@link CommunityArchiveStatus#unavailableBackends()}); downloads of its links wait for it to return.
     */
    public void backendRemoved(String name) {
        communities.values().stream().filter(c -> c.settings().backends().contains(name)).forEach(c -> LOG.warn(
                "{}: storage backend '{}' is gone; archiving there is paused until it returns", c.id(), name));
    }

    @Override
    public void received(ReceivedAnnouncement announcement) {
        verdict(announcement);
    }

    /** Routes an announcement and says what became of it. */
    MemberFlow.Verdict verdict(ReceivedAnnouncement announcement) {
        CommunityArchives c = communities.get(announcement.community());
        if (c == null) {
            LOG.debug("announcement for unconfigured community {} ignored", announcement.community());
            return MemberFlow.Verdict.UNKNOWN_COMMUNITY;
        }
        return c.announced(announcement);
    }

    Optional<CommunityArchives> archives(CommunityId id) {
        return Optional.ofNullable(communities.get(id));
    }

    @Override
    public List<CommunityArchiveStatus> communities() {
        List<CommunityArchiveStatus> all = new ArrayList<>();
        for (CommunityId id : communities.keySet()) {
            community(id).ifPresent(all::add);
        }
        all.sort(Comparator.comparing(CommunityArchiveStatus::community));
        return all;
    }

    @Override
    public Optional<CommunityArchiveStatus> community(CommunityId id) {
        CommunityArchives c = communities.get(id);
        if (c == null) {
            return Optional.empty();
        }
        boolean control = ctx.directory().community(id).map(Community::controlNode).orElse(false);
        try {
            ArchiveProgress state = ctx.states().open(id);
            OptionalLong lastEnd = OptionalLong.empty();
            for (String type : c.settings().backends()) {
                OptionalLong e = state.lastArchiveEnd(type);
                if (e.isPresent() && (lastEnd.isEmpty() || e.getAsLong() < lastEnd.getAsLong())) {
                    lastEnd = e;
                }
            }
            Set<String> links = new TreeSet<>();
            if (control) {
                for (String type : c.settings().backends()) {
                    Optional<StorageBackend> b = ctx.backends().get(type);
                    if (b.isPresent()) {
                        try {
                            b.get().currentLink(id).ifPresent(links::add);
                        } catch (StorageException e) {
                            // a backend that is down (say its engine did not start) has no link to show; the
                            // community is still configured, and its status must still be readable
                            LOG.debug("{}: no current link from {}: {}", id, type, e.getMessage());
                        }
                    }
                }
            } else {
                for (String name : ctx.backends().names()) {
                    ctx.backends().get(name).flatMap(b -> state.lastLink(b.linkFormat().kind())).ifPresent(links::add);
                }
            }
            int archives = control ? published(id, c.settings().backends()) : state.archiveCount();
            Optional<java.time.Instant> next = control ? c.owner().nextRun() : Optional.empty();
            return Optional.of(new CommunityArchiveStatus(id, c.settings().backends(), control, lastEnd, links,
                    archives, state.importedCount(), c.missingBackends(), next,
                    control ? Optional.empty() : c.member().lastError()));
        } catch (ArchivistException e) {
            LOG.error("{}: cannot read the archive state: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The archives a control node published: the partitions its backends' committed indexes list, each counted
     * once however many backends hold it. A backend that is gone or cannot be read now adds nothing.
     */
    private int published(CommunityId id, Set<String> backends) {
        Set<org.archivist.api.TimeRange> ranges = new java.util.HashSet<>();
        for (String type : backends) {
            Optional<StorageBackend> b = ctx.backends().get(type);
            if (b.isEmpty()) {
                continue;
            }
            try {
                indexes.entries(id, type, b.get()).forEach(e -> ranges.add(e.range()));
            } catch (ArchivistException | RuntimeException e) {
                LOG.debug("{}: the committed index on {} cannot be read now: {}", id, type, e.getMessage());
            }
        }
        return ranges.size();
    }

    @Override
    public void archiveNow(CommunityId id) throws ArchivistException {
        CommunityArchives c = communities.get(id);
        if (c == null) {
            throw new ArchivistException("community " + id + " has no archive configuration");
        }
        try {
            c.archiveNow().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ArchivistException a) {
                throw a;
            }
            throw new ArchivistException("archive run of " + id + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new ArchivistException("archive run of " + id + " did not finish within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchivistException("interrupted while archiving " + id, e);
        }
    }

    @Override
    public void downloadNow(CommunityId id) throws ArchivistException {
        configured(id).downloadNow();
    }

    @Override
    public boolean acceptJoinResponseLink(CommunityId id, String magnetUri) throws ArchivistException {
        if (magnetUri == null || magnetUri.isBlank()) {
            return false;
        }
        if (!magnetUri.regionMatches(true, 0, "magnet:?", 0, 8)) {
            throw new InvalidArchiveException("a join response carries a magnet link (CommunityRequestToJoinResponse"
                    + ".magnet_uri), not '" + abbreviate(magnetUri) + "'");
        }
        CommunityArchives c = communities.get(id);
        if (c == null) {
            LOG.info("{}: join-response link ignored: the community has no archive configuration", id);
            return false;
        }
        return c.member().joinResponseLink(magnetUri.trim()) == MemberFlow.Verdict.ACCEPTED;
    }

    @Override
    public Map<LinkKind, Long> linkClocks(CommunityId id) throws ArchivistException {
        configured(id);
        ArchiveProgress state = ctx.states().open(id);
        Set<LinkKind> kinds = new LinkedHashSet<>(List.of(MagnetLinkFormat.KIND, IndexCidLinkFormat.KIND));
        ctx.backends().formats().forEach(f -> kinds.add(f.kind()));
        Map<LinkKind, Long> clocks = new LinkedHashMap<>();
        for (LinkKind k : kinds) {
            long c = state.clock(k);
            if (c > 0) {
                clocks.put(k, c);
            }
        }
        return Collections.unmodifiableMap(clocks);
    }

    @Override
    public long raiseLinkClock(CommunityId id, LinkKind kind, long clock) throws ArchivistException {
        if (clock < 0) {
            throw new IllegalArgumentException("a link clock is not negative, got " + clock);
        }
        return configured(id).member().raiseClockFloor(java.util.Objects.requireNonNull(kind, "kind"), clock);
    }

    private CommunityArchives configured(CommunityId id) throws ArchivistException {
        CommunityArchives c = communities.get(id);
        if (c == null) {
            throw new ArchivistException("community " + id + " has no archive configuration");
        }
        return c;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** Stops every community's tasks without unseeding (the node is going down, not the configuration). */
    @Override
    public void close() {
        communities.values().forEach(c -> c.stop(false));
        communities.clear();
    }
}
