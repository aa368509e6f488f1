package org.archivist.scheduler.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The community's decoded indexes, read from disk on first use (after a restart). */
    private Map<LinkKind, Accepted> of(CommunityId id) {
        return indexes.computeIfAbsent(id, this::load);
    }

    private Map<LinkKind, Accepted> load(CommunityId id) {
        Map<LinkKind, Accepted> loaded = new ConcurrentHashMap<>();
        List<DownloadedArchives.SavedIndex> saved;
        try {
            saved = ctx.downloads().savedIndexes(id);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: the kept indexes cannot be read ({}); the listing waits for the next fetch", id,
                    e.getMessage());
            return loaded;
        }
        for (DownloadedArchives.SavedIndex s : saved) {
            Optional<StorageBackend> backend = ctx.backends().forKind(s.kind());
            if (backend.isEmpty()) {
                LOG.info("{}: no backend for {} links now; its kept index is listed once one is registered", id,
                        s.kind());
                continue;
            }
            try {
                loaded.put(s.kind(), new Accepted(s.kind(), s.backend(), s.link(),
                        List.copyOf(ctx.format().readIndex(id, s.index(), backend.get().linkFormat()))));
            } catch (ArchivistException | RuntimeException e) {
                LOG.warn("{}: the kept index of {} cannot be read: {}", id, s.link(), e.getMessage());
            }
        }
        return loaded;
    }

    /**
     * Forgets what was read of the community so that the next use reads the disk again (a backend that was missing
     * at the first read may be there now).
     */
    void reload(CommunityId id) {
        indexes.remove(id);
    }
}
