package org.archivist.webconsole.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.LinkKind;

/**
 * An archive service holding given statuses and archives; archiveNow adds one archive of a week after the last
 * end (unverified), verifyArchives marks every archive verified; both record the call.
 */
class FakeArchiveService implements ArchiveService {
    static final long WEEK = 7 * 86_400;
    final Map<CommunityId, CommunityArchiveStatus> statuses = new TreeMap<>();
    final Map<CommunityId, Map<LinkKind, Long>> clocks = new TreeMap<>();
    final Map<CommunityId, List<ArchiveSummary>> archives = new TreeMap<>();
    final List<CommunityId> archived = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<CommunityId> verified = new ArrayList<>();
    volatile java.util.Optional<org.archivist.api.service.StorageUsage> storage = java.util.Optional.empty();

    @Override
    public java.util.Optional<org.archivist.api.service.StorageUsage> storageUsage() {
        return storage;
    }
    /** When set, archiveNow waits for it (a run that takes its time). */
    volatile java.util.concurrent.CountDownLatch gate;

    FakeArchiveService with(CommunityArchiveStatus s, Map<LinkKind, Long> linkClocks, ArchiveSummary... list) {
        statuses.put(s.community(), s);
        clocks.put(s.community(), linkClocks);
        archives.put(s.community(), new ArrayList<>(List.of(list)));
        return this;
    }

    static ArchiveSummary archive(String id, long from, long to, String... storedOn) {
        return new ArchiveSummary(id, TimeRange.of(from, to), OptionalLong.of(1000 + (to - from) / 1000),
                OptionalInt.of((int) ((to - from) / 3600)), java.util.Set.of(storedOn), true);
    }

    /** A member's archive: an entry of the newest index it knows, with what it has of it. */
    static ArchiveSummary member(String id, long from, long to, ArchiveSummary.Availability availability,
            String... storedOn) {
        return new ArchiveSummary(id, TimeRange.of(from, to), OptionalLong.of(2000), OptionalInt.empty(),
                java.util.Set.of(storedOn), false, availability);
    }

    @Override
    public synchronized List<CommunityArchiveStatus> communities() {
        return List.copyOf(statuses.values());
    }

    @Override
    public synchronized Optional<CommunityArchiveStatus> community(CommunityId id) {
        return Optional.ofNullable(statuses.get(id));
    }

    @Override
    public void archiveNow(CommunityId id) throws ArchivistException {
        CommunityArchiveStatus s = community(id).orElse(null);
        if (s == null || !s.controlNode()) {
            throw new ArchivistException("not an owned community: " + id);
        }
        java.util.concurrent.CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ArchivistException("interrupted");
            }
        }
        synchronized (this) {
            added(id, s);
        }
    }

    private void added(CommunityId id, CommunityArchiveStatus s) {
        archived.add(id);
        long from = s.lastArchiveEnd().orElse(ArchivistPageTest.NOW.getEpochSecond() - 2 * WEEK);
        long end = from + WEEK;
        statuses.put(id, new CommunityArchiveStatus(id, s.backends(), true, OptionalLong.of(end), s.links(),
                s.archives() + 1, s.imported(), s.unavailableBackends()));
        archives.get(id).add(new ArchiveSummary("0xnew" + archived.size(), TimeRange.of(from, end), OptionalLong.of(99),
                OptionalInt.of(7), s.backends(), false));
    }

    @Override
    public synchronized List<ArchiveSummary> archiveSummaries(CommunityId id) throws ArchivistException {
        List<ArchiveSummary> list = archives.get(id);
        if (list == null) {
            throw new ArchivistException("no archive configuration for " + id);
        }
        return List.copyOf(list);
    }

    @Override
    public synchronized List<ArchiveSummary> verifyArchives(CommunityId id) throws ArchivistException {
        verified.add(id);
        List<ArchiveSummary> list = archiveSummaries(id).stream().map(a -> new ArchiveSummary(a.id(), a.range(),
                a.bytes(), a.messages(), a.storedOn(), true)).toList();
        archives.put(id, new ArrayList<>(list));
        return list;
    }

    @Override
    public boolean acceptJoinResponseLink(CommunityId id, String magnetUri) {
        return false;
    }

    @Override
    public synchronized Map<LinkKind, Long> linkClocks(CommunityId id) throws ArchivistException {
        Map<LinkKind, Long> c = clocks.get(id);
        if (c == null) {
            throw new ArchivistException("no state for " + id);
        }
        return c;
    }

    @Override
    public long raiseLinkClock(CommunityId id, LinkKind kind, long clock) {
        throw new UnsupportedOperationException();
    }
}
