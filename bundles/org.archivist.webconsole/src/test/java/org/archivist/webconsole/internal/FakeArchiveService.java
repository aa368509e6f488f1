package org.archivist.webconsole.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.LinkKind;

/** An archive service holding given statuses; archiveNow adds one archive a week later and records the call. */
final class FakeArchiveService implements ArchiveService {
    final Map<CommunityId, CommunityArchiveStatus> statuses = new TreeMap<>();
    final Map<CommunityId, Map<LinkKind, Long>> clocks = new TreeMap<>();
    final List<CommunityId> archived = new ArrayList<>();

    FakeArchiveService with(CommunityArchiveStatus s, Map<LinkKind, Long> linkClocks) {
        statuses.put(s.community(), s);
        clocks.put(s.community(), linkClocks);
        return this;
    }

    @Override
    public List<CommunityArchiveStatus> communities() {
        return List.copyOf(statuses.values());
    }

    @Override
    public Optional<CommunityArchiveStatus> community(CommunityId id) {
        return Optional.ofNullable(statuses.get(id));
    }

    @Override
    public void archiveNow(CommunityId id) throws ArchivistException {
        CommunityArchiveStatus s = statuses.get(id);
        if (s == null || !s.controlNode()) {
            throw new ArchivistException("not an owned community: " + id);
        }
        archived.add(id);
        long end = s.lastArchiveEnd().orElse(0) + 7 * 86_400;
        statuses.put(id, new CommunityArchiveStatus(id, s.backends(), true, java.util.OptionalLong.of(end), s.links(),
                s.archives() + 1, s.imported(), s.unavailableBackends()));
    }

    @Override
    public boolean acceptJoinResponseLink(CommunityId id, String magnetUri) {
        return false;
    }

    @Override
    public Map<LinkKind, Long> linkClocks(CommunityId id) throws ArchivistException {
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
