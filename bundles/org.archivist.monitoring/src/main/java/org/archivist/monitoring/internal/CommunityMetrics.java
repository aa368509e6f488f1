package org.archivist.monitoring.internal;

import java.time.Instant;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;

/** The MBean of one community: the scheduler's status read on each call, plus the event counters. */
final class CommunityMetrics implements CommunityMetricsMBean {
    private final CommunityId id;
    private final ArchiveService archives;
    private final CommunityCounters counters;

    CommunityMetrics(CommunityId id, ArchiveService archives, CommunityCounters counters) {
        this.id = id;
        this.archives = archives;
        this.counters = counters;
    }

    private Optional<CommunityArchiveStatus> status() {
        return archives.community(id);
    }

    @Override
    public String getCommunity() {
        return id.hex();
    }

    @Override
    public String getRole() {
        return status().map(s -> s.controlNode() ? "owner" : "member").orElse("");
    }

    @Override
    public String getBackends() {
        return status().map(s -> String.join(",", new java.util.TreeSet<>(s.backends()))).orElse("");
    }

    @Override
    public int getArchives() {
        return status().map(CommunityArchiveStatus::archives).orElse(0);
    }

    @Override
    public int getImported() {
        return status().map(CommunityArchiveStatus::imported).orElse(0);
    }

    @Override
    public String getLastArchiveEnd() {
        return status().flatMap(s -> s.lastArchiveEnd().isPresent()
                ? Optional.of(Instant.ofEpochSecond(s.lastArchiveEnd().getAsLong()).toString()) : Optional.empty())
                .orElse("");
    }

    @Override
    public String[] getLinks() {
        return status().map(s -> s.links().stream().sorted().toArray(String[]::new)).orElse(new String[0]);
    }

    @Override
    public long getArchiveRuns() {
        return counters.archiveRuns();
    }

    @Override
    public long getEmptyRuns() {
        return counters.emptyRuns();
    }

    @Override
    public long getArchivesDownloaded() {
        return counters.archivesDownloaded();
    }

    @Override
    public long getImportsFinished() {
        return counters.importsFinished();
    }

    @Override
    public int getDownloadsInProgress() {
        return counters.downloadsInProgress();
    }

    @Override
    public String getLastRun() {
        return counters.lastRun().map(Instant::toString).orElse("");
    }

    @Override
    public String getNextRun() {
        return status().flatMap(CommunityArchiveStatus::nextRun).map(Instant::toString).orElse("");
    }

    @Override
    public long getBytesStored() {
        return counters.bytesStored();
    }

    @Override
    public long getBytesFetched() {
        return counters.bytesFetched();
    }

    @Override
    public long getFailures() {
        return counters.failures();
    }

    @Override
    public String getLastError() {
        return counters.lastFailure().map(CommunityCounters.Failure::reason).orElse("");
    }

    @Override
    public String getLastErrorTime() {
        return counters.lastFailure().map(f -> f.at().toString()).orElse("");
    }

    @Override
    public boolean isConfigured() {
        return status().isPresent();
    }
}
