package org.archivist.scheduler.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.storage.LinkKind;
import org.archivist.core.state.LinkState;

import jakarta.inject.Inject;

/**
 * The scheduler's {@link ArchiveProgress}, kept in the core's crash-safe state store
 * ({@code <dir>/<community>.state}): link clocks, last links and archive flags per link kind (one per
 * backend, any backend), plus two scheduler entries kept as state extensions: the last archive end per
 * backend ({@code scheduler.lastArchiveEnd.<name>}, so that a backend added later catches up on its own) and
 * the accepted link still downloading ({@code scheduler.pendingLink.<kind>}, to resume after a restart); and for
 * a member's listing, what each import found ({@code scheduler.imported.<archive id>} = bytes,messages,inRange) and
 * the ranges asked for beyond the history window ({@code scheduler.requestedRanges} = from-to,from-to, merged).
 */
public class CoreArchiveProgressStore implements ArchiveProgressStore {
    static final String LAST_END = "scheduler.lastArchiveEnd.";
    static final String PENDING = "scheduler.pendingLink.";
    static final String CONTENT = "scheduler.content.";
    static final String FACTS = "scheduler.imported.";
    static final String REQUESTED = "scheduler.requestedRanges";

    private final org.archivist.core.state.CommunityStateStore store;

    @Inject
    public CoreArchiveProgressStore(Path directory) {
        this.store = new org.archivist.core.state.CommunityStateStore(directory);
    }

    @Override
    public ArchiveProgress open(CommunityId community) {
        return new View(community);
    }

    private final class View implements ArchiveProgress {
        private final CommunityId id;

        View(CommunityId id) {
            this.id = id;
        }

        private org.archivist.core.state.CommunityState load() {
            try {
                return store.load(id);
            } catch (ArchivistException e) {
                throw new IllegalStateException("cannot read the archive state of " + id + ": " + e.getMessage(), e);
            }
        }

        private void update(UnaryOperator<org.archivist.core.state.CommunityState> change) throws ArchivistException {
            store.update(id, change);
        }

        @Override
        public OptionalLong lastArchiveEnd(String backendType) {
            org.archivist.core.state.CommunityState s = load();
            Optional<String> own = s.extension(LAST_END + backendType);
            return own.isPresent() ? OptionalLong.of(Long.parseLong(own.get())) : OptionalLong.empty();
        }

        @Override
        public void setLastArchiveEnd(String backendType, long seconds) throws ArchivistException {
            update(s -> s.withExtension(LAST_END + backendType, Long.toString(seconds)));
        }

        @Override
        public long clock(LinkKind kind) {
            return load().link(kind).clock();
        }

        @Override
        public void setClock(LinkKind kind, long clock) throws ArchivistException {
            update(s -> s.withLink(kind, s.link(kind).withClock(clock)));
        }

        @Override
        public Optional<String> lastLink(LinkKind kind) {
            return load().link(kind).lastLink();
        }

        @Override
        public Optional<String> pendingLink(LinkKind kind) {
            return load().extension(PENDING + kind);
        }

        @Override
        public void setPendingLink(LinkKind kind, Optional<String> link) throws ArchivistException {
            update(s -> s.withExtension(PENDING + kind, link.orElse("")));
        }

        @Override
        public void completeLink(LinkKind kind, String link) throws ArchivistException {
            update(s -> {
                LinkState ls = s.link(kind);
                org.archivist.core.state.CommunityState next = s.withLink(kind, ls.withLastLink(link));
                return s.extension(PENDING + kind).filter(link::equals).isPresent()
                        ? next.withExtension(PENDING + kind, "") : next;
            });
        }

        @Override
        public boolean holds(String archiveId) {
            return load().knows(archiveId);
        }

        @Override
        public void addDownloaded(String archiveId) throws ArchivistException {
            update(s -> s.withArchive(archiveId));
        }

        @Override
        public void addDownloaded(String archiveId, List<String> contentKeys) throws ArchivistException {
            update(s -> {
                org.archivist.core.state.CommunityState next = s.withArchive(archiveId);
                for (String key : contentKeys) {
                    next = next.withExtension(CONTENT + key, archiveId);
                }
                return next;
            });
        }

        @Override
        public Optional<String> heldContent(String contentKey) {
            return load().extension(CONTENT + contentKey).filter(v -> !v.isEmpty());
        }

        @Override
        public boolean holdsContentUnder(String prefix) {
            return load().extensions().keySet().stream().anyMatch(k -> k.startsWith(CONTENT + prefix));
        }

        @Override
        public void addHeldElsewhere(String archiveId) throws ArchivistException {
            update(s -> s.withArchive(archiveId).withImported(archiveId));
        }

        @Override
        public List<HeldArchive> unimported() {
            return load().unimported().stream().map(a -> new HeldArchive(a, false)).toList();
        }

        @Override
        public void markImported(String archiveId) throws ArchivistException {
            if (!holds(archiveId)) {
                throw new ArchivistException("archive " + archiveId + " is not held, it cannot be marked imported");
            }
            update(s -> s.withImported(archiveId));
        }

        @Override
        public void forget(String archiveId) throws ArchivistException {
            update(s -> {
                Map<String, Boolean> archives = new LinkedHashMap<>(s.archives());
                archives.remove(archiveId);
                return new org.archivist.core.state.CommunityState(s.community(), s.lastArchiveEnd(), s.links(),
                        archives, s.extensions());
            });
        }

        @Override
        public boolean imported(String archiveId) {
            return load().isImported(archiveId);
        }

        @Override
        public Optional<ImportedFacts> importedFacts(String archiveId) {
            Optional<String> v = load().extension(FACTS + archiveId).filter(x -> !x.isEmpty());
            if (v.isEmpty()) {
                return Optional.empty();
            }
            String[] f = v.get().split(",");
            try {
                return Optional.of(new ImportedFacts(Long.parseLong(f[0]), Integer.parseInt(f[1]),
                        Boolean.parseBoolean(f[2])));
            } catch (RuntimeException e) {
                return Optional.empty(); // informational only: an unreadable record is no record
            }
        }

        @Override
        public void setImportedFacts(String archiveId, ImportedFacts facts) throws ArchivistException {
            update(s -> s.withExtension(FACTS + archiveId, facts.bytes() + "," + facts.messages() + ","
                    + facts.inRange()));
        }

        @Override
        public List<TimeRange> requestedRanges() {
            return RequestedRanges.parse(load().extension(REQUESTED).orElse(""));
        }

        @Override
        public void addRequestedRange(TimeRange range) throws ArchivistException {
            update(s -> s.withExtension(REQUESTED, RequestedRanges.format(RequestedRanges.merge(
                    RequestedRanges.parse(s.extension(REQUESTED).orElse("")), range))));
        }

        @Override
        public int archiveCount() {
            return load().archives().size();
        }

        @Override
        public int importedCount() {
            return load().importedCount();
        }
    }
}
