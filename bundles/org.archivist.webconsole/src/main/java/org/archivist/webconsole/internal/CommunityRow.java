package org.archivist.webconsole.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.CommunityArchiveStatus;

/**
 * What the page shows of one community: its status, its link clocks (empty with the reason when the service
 * could not read them), its archives one by one (empty with the reason when they could not be listed) and the
 * state of its migration, if one ran since the console started, and what its archive events added up to since then
 * (failures and the last error, bytes published and fetched, the last run).
 */
record CommunityRow(CommunityArchiveStatus status, Map<String, Long> linkClocks, Optional<String> clockError,
        List<ArchiveSummary> archives, Optional<String> archivesError, Optional<MigrationState> migration,
        Activity.Snapshot activity) {
    CommunityRow {
        linkClocks = Map.copyOf(linkClocks);
        archives = List.copyOf(archives);
        activity = activity == null ? Activity.Snapshot.NONE : activity;
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

    /** The archives' blob bytes that are known. */
    long knownBytes() {
        return archives.stream().mapToLong(a -> a.bytes().orElse(0)).sum();
    }

    long verifiedCount() {
        return archives.stream().filter(ArchiveSummary::verified).count();
    }
}
