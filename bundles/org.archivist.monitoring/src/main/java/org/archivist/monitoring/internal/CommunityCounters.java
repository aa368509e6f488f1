package org.archivist.monitoring.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.api.service.ArchiveEvent;

/** What one community's archive events add up to on this node, since the monitoring bundle started. */
final class CommunityCounters {
    private final AtomicLong archiveRuns = new AtomicLong();
    private final AtomicLong emptyRuns = new AtomicLong();
    private final AtomicLong archivesDownloaded = new AtomicLong();
    private final AtomicLong importsFinished = new AtomicLong();
    private final AtomicLong unseeded = new AtomicLong();
    private volatile boolean downloading;
    private volatile Instant lastRun;
    private volatile Instant lastEvent;

    void on(ArchiveEvent event, Instant at) {
        lastEvent = at;
        switch (event.type()) {
            case CREATED -> {
                archiveRuns.incrementAndGet();
                lastRun = at;
            }
            case NONE_CREATED -> {
                emptyRuns.incrementAndGet();
                lastRun = at;
            }
            case DOWNLOAD_STARTED -> downloading = true;
            case ARCHIVE_DOWNLOADED -> archivesDownloaded.incrementAndGet();
            case FINISHED -> {
                downloading = false;
                importsFinished.incrementAndGet();
                lastRun = at;
            }
            case UNSEEDED -> unseeded.incrementAndGet();
            default -> { }
        }
    }

    /** Owner: runs that created archives. */
    long archiveRuns() {
        return archiveRuns.get();
    }

    /** Owner: runs that found nothing to archive. */
    long emptyRuns() {
        return emptyRuns.get();
    }

    /** Member: archives downloaded and verified. */
    long archivesDownloaded() {
        return archivesDownloaded.get();
    }

    /** Member: downloads that ran to the end of their import. */
    long importsFinished() {
        return importsFinished.get();
    }

    long unseeded() {
        return unseeded.get();
    }

    /** Member: 1 while a download started and has not finished its import. */
    int downloadsInProgress() {
        return downloading ? 1 : 0;
    }

    Optional<Instant> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    Optional<Instant> lastEvent() {
        return Optional.ofNullable(lastEvent);
    }
}
