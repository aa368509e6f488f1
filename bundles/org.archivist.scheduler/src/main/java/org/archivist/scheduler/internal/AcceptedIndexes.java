package org.archivist.scheduler.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest index a member fetched for each link kind it follows, decoded: kept on disk as fetched by
 * {@link DownloadedArchives} (so that it survives a restart, encrypted when the community is) and in memory decoded,
 * so that listing a member's archives makes no network call and decodes each index once per process. One instance
 * per scheduler, shared by its communities' member flows (which record what they fetch) and the listing.
 */
final class AcceptedIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptedIndexes.class);

    /** A decoded index: which backend's, through which link, its entries in ascending {@code from}. */
    record Accepted(LinkKind kind, String backend, String link, List<IndexEntry> entries) {
    }

    private final SchedulerContext ctx;
    /** Per community: the decoded index per kind, once read from disk or recorded. */
    private final Map<CommunityId, Map<LinkKind, Accepted>> indexes = new ConcurrentHashMap<>();
    /** Communities with a kept index not decoded yet: read again on each use until it is. */
    private final Set<CommunityId> incomplete = ConcurrentHashMap.newKeySet();

    AcceptedIndexes(SchedulerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Records the index just fetched and decoded. Kept on disk before it replaces the one in memory; a failure to
     * keep it only costs the listing (the downloads go on), so it is logged, not thrown.
     */
    void fetched(CommunityId id, LinkKind kind, String backend, String link, byte[] raw, List<IndexEntry> entries) {
        try {
            ctx.downloads().saveIndex(id, kind, backend, link, raw);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: the index of {} cannot be kept for the archive listing: {}", id, link, e.getMessage());
        }
        of(id).put(kind, new Accepted(kind, backend, link, List.copyOf(entries)));
    }

    /** The kind's last fetched index, if any. */
    Optional<Accepted> get(CommunityId id, LinkKind kind) {
        return Optional.ofNullable(of(id).get(kind));
    }

    /** Every kind's last fetched index, in kind order. */
    List<Accepted> all(CommunityId id) {
        List<Accepted> out = new ArrayList<>(of(id).values());
        out.sort(java.util.Comparator.comparing(a -> a.kind().name()));
        return out;
    }

    /**
     * The community's decoded indexes, read from disk on first use (after a restart). A kept index that could not
     * be decoded (no backend for its kind yet, a key not there yet) is tried again on the next use.
     */
    private Map<LinkKind, Accepted> of(CommunityId id) {
        Map<LinkKind, Accepted> known = indexes.get(id);
        if (known != null && !incomplete.contains(id)) {
            return known;
        }
        synchronized (this) { // rare: a first use, or a kept index still not decodable
            known = indexes.get(id);
            if (known != null && !incomplete.contains(id)) {
                return known;
            }
            Map<LinkKind, Accepted> map = known != null ? known : new ConcurrentHashMap<>();
            if (loadInto(id, map, known == null)) {
                incomplete.remove(id);
            } else {
                incomplete.add(id);
            }
            indexes.putIfAbsent(id, map); // published once read: a listing never sees a map still being filled
            return map;
        }
    }

    /** Decodes the kept indexes of kinds not in {@code map} yet; false when one could not be read. */
    private boolean loadInto(CommunityId id, Map<LinkKind, Accepted> map, boolean first) {
        List<DownloadedArchives.SavedIndex> saved;
        try {
            saved = ctx.downloads().savedIndexes(id);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: the kept indexes cannot be read ({}); the listing waits for the next fetch", id,
                    e.getMessage());
            return false;
        }
        boolean complete = true;
        for (DownloadedArchives.SavedIndex s : saved) {
            if (map.containsKey(s.kind())) {
                continue; // fetched since: newer than the kept one read now
            }
            Optional<StorageBackend> backend = ctx.backends().forKind(s.kind());
            if (backend.isEmpty()) {
                LOG.debug("{}: no backend for {} links now; its kept index is listed once one is registered", id,
                        s.kind());
                complete = false;
                continue;
            }
            try {
                map.putIfAbsent(s.kind(), new Accepted(s.kind(), s.backend(), s.link(),
                        List.copyOf(ctx.format().readIndex(id, s.index(), backend.get().linkFormat()))));
            } catch (ArchivistException | RuntimeException e) {
                if (first) {
                    LOG.warn("{}: the kept index of {} cannot be read now ({}); tried again on each listing", id,
                            s.link(), e.getMessage());
                }
                complete = false;
            }
        }
        return complete;
    }
}
