package org.archivist.webconsole.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.ArchiveSummary.Availability;
import org.archivist.api.service.CommunityArchiveStatus;

/**
 * What the page shows of one community: its status, its link clocks (empty with the reason when the service
 * could not read them), its archives one by one (an owner's published ones; a member's the entries of the newest
 * index it knows, each held, missing or outside its history window; empty with the reason when they could not be
 * listed), the state of its migration, if one ran since the console started, what its archive events added up to
 * since then (failures and the last error, bytes published and fetched, the last run), the state of each of its
 * backends, whether an archive run is going on and how the last one started from the page ended.
 */
record CommunityRow(CommunityArchiveStatus status, Map<String, Long> linkClocks, Optional<String> clockError,
        List<ArchiveSummary> archives, Optional<String> archivesError, Optional<MigrationState> migration,
        Activity.Snapshot activity, List<NodeState> nodes, boolean running, Optional<ArchiveRuns.Outcome> runOutcome) {
    CommunityRow {
        linkClocks = Map.copyOf(linkClocks);
        archives = List.copyOf(archives);
        activity = activity == null ? Activity.Snapshot.NONE : activity;
        nodes = List.copyOf(nodes);
        runOutcome = runOutcome == null ? Optional.empty() : runOutcome;
    }

    /** A row without backend states or runs from the page. */
    CommunityRow(CommunityArchiveStatus status, Map<String, Long> linkClocks, Optional<String> clockError,
            List<ArchiveSummary> archives, Optional<String> archivesError, Optional<MigrationState> migration,
            Activity.Snapshot activity) {
        this(status, linkClocks, clockError, archives, archivesError, migration, activity, List.of(),
                activity != null && activity.archiving(), Optional.empty());
    }

    /** A row without event activity (no event seen since the console started). */
    CommunityRow(CommunityArchiveStatus status, Map<String, Long> linkClocks, Optional<String> clockError,
            List<ArchiveSummary> archives, Optional<String> archivesError, Optional<MigrationState> migration) {
        this(status, linkClocks, clockError, archives, archivesError, migration, Activity.Snapshot.NONE);
    }

    /** A row without per-archive data or migration (a service that lists none). */
    CommunityRow(CommunityArchiveStatus status, Map<String, Long> linkClocks, Optional<String> clockError) {
        this(status, linkClocks, clockError, List.of(), Optional.empty(), Optional.empty(), Activity.Snapshot.NONE);
    }

    String role() {
        return status.controlNode() ? "owner" : "member";
    }

    /** Where the archives are stored, for the bar colour: bittorrent, codex, both or the backends' names. */
    String storage() {
        return Storage.of(status.backends());
    }

    /** The archives' blob bytes that are known (a member's: of those it holds). */
    long knownBytes() {
        return archives.stream().filter(a -> a.availability() == Availability.PUBLISHED
                || a.availability() == Availability.HELD).mapToLong(a -> a.bytes().orElse(0)).sum();
    }

    long verifiedCount() {
        return archives.stream().filter(ArchiveSummary::verified).count();
    }

    /** How many listed archives have each availability (only those present). */
    Map<Availability, Long> byAvailability() {
        Map<Availability, Long> out = new EnumMap<>(Availability.class);
        archives.forEach(a -> out.merge(a.availability(), 1L, Long::sum));
        return out;
    }

    /** Whether the listed archives are a member's view (held, missing, outside its window). */
    boolean memberView() {
        return archives.stream().anyMatch(a -> a.availability() != Availability.PUBLISHED);
    }

    /** Whether something runs for the community that will change its row: an archive run or a migration. */
    boolean busy() {
        return running || migration.map(m -> m.phase() == MigrationState.Phase.RUNNING).orElse(false);
    }
}
