package org.archivist.scheduler.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.ArchiveSummary.Availability;

/**
 * A member's archives for {@link org.archivist.api.service.ArchiveService#archiveSummaries}: every entry of the
 * newest index it fetched per link kind ({@link AcceptedIndexes}, decoded once), one summary per partition naming
 * the backends whose index lists it, {@link Availability#HELD HELD} when one of its copies was imported,
 * {@link Availability#MISSING MISSING} when the {@link HistoryWindow} selects it, else
 * {@link Availability#OUTSIDE_WINDOW OUTSIDE_WINDOW}; sizes from the index (piece ranges) or the import, message
 * counts and the verdict from the import's checks. Reads memory only: the state store and the indexes are cached.
 */
final class MemberSummaries {
    private final SchedulerContext ctx;
    private final AcceptedIndexes indexes;

    MemberSummaries(SchedulerContext ctx, AcceptedIndexes indexes) {
        this.ctx = ctx;
        this.indexes = indexes;
    }

    List<ArchiveSummary> archives(CommunityId id, ArchiveSettings settings) throws ArchivistException {
        ArchiveProgress state = ctx.states().open(id);
        HistoryWindow window = HistoryWindow.of(settings, ctx.nowSeconds(), state.requestedRanges());
        Map<TimeRange, Map<String, IndexEntry>> byRange = new TreeMap<>(
                Comparator.comparingLong(TimeRange::from).thenComparingLong(TimeRange::to));
        for (AcceptedIndexes.Accepted index : indexes.all(id)) {
            for (IndexEntry e : index.entries()) {
                byRange.computeIfAbsent(e.range(), r -> new TreeMap<>()).put(index.backend(), e);
            }
        }
        List<ArchiveSummary> out = new ArrayList<>(byRange.size());
        for (Map.Entry<TimeRange, Map<String, IndexEntry>> r : byRange.entrySet()) {
            out.add(summary(state, window, r.getKey(), r.getValue()));
        }
        return out;
    }

    private static ArchiveSummary summary(ArchiveProgress state, HistoryWindow window, TimeRange range,
            Map<String, IndexEntry> copies) {
        boolean held = false;
        Optional<ArchiveProgress.ImportedFacts> facts = Optional.empty();
        OptionalLong indexedBytes = OptionalLong.empty();
        for (IndexEntry e : copies.values()) {
            if (state.imported(e.archiveId())) {
                held = true;
                if (facts.isEmpty()) {
                    facts = state.importedFacts(e.archiveId());
                }
            }
            if (indexedBytes.isEmpty() && e.location() instanceof ArchiveLocation.PieceRange p) {
                indexedBytes = OptionalLong.of(p.blobLength());
            }
        }
        Availability availability = held ? Availability.HELD
                : window.wants(range) ? Availability.MISSING : Availability.OUTSIDE_WINDOW;
        OptionalLong bytes = facts.isPresent() ? OptionalLong.of(facts.get().bytes()) : indexedBytes;
        OptionalInt messages = facts.isPresent() ? OptionalInt.of(facts.get().messages()) : OptionalInt.empty();
        boolean verified = facts.isPresent() && facts.get().inRange();
        String first = copies.values().iterator().next().archiveId();
        return new ArchiveSummary(first, range, bytes, messages, copies.keySet(), verified, availability,
                facts.isPresent() ? Set.of(ArchiveSummary.Check.DECODED) : Set.of());
    }
}
