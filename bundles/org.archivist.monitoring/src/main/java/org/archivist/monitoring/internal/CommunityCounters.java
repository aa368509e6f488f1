package org.archivist.monitoring.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.api.service.ArchiveEvent;


/** What one community's archive events add up to on this node, since the monitoring bundle started. */
final class CommunityCounters {
    /** A failure's reason and when it was reported. */
    record Failure(String reason, Instant at) {
    }

    private final AtomicLong archiveRuns = new AtomicLong();
    private final AtomicLong emptyRuns = new AtomicLong();
    private final AtomicLong archivesDownloaded = new AtomicLong();
    private final AtomicLong importsFinished = new AtomicLong();
    private final AtomicLong unseeded = new AtomicLong();
    private final AtomicLong bytesStored = new AtomicLong();
    private final AtomicLong bytesFetched = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean downloading;
    /** The last failure's reason and time, set together. */
    private volatile Failure lastFailure;
    private volatile Instant lastRun;
    private volatile Instant lastEvent;

    void on(ArchiveEvent event, Instant at) {
        lastEvent = at;
        switch (event.type()) {
            case CREATED -> {
                archiveRuns.incrementAndGet();
                event.bytes().ifPresent(bytesStored::addAndGet);
                lastRun = at;
            }
            case NONE_CREATED -> {
                emptyRuns.incrementAndGet();
                lastRun = at;
            }
            case DOWNLOAD_STARTED -> downloading = true;
            case ARCHIVE_DOWNLOADED -> {
                archivesDownloaded.incrementAndGet();
                event.bytes().ifPresent(bytesFetched::addAndGet);
            }
            case FAILED -> {
                failures.incrementAndGet();
                lastFailure = new Failure(event.reason().orElse("(no reason given)"), at);
            }
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

    /** Owner: blob bytes its runs published (summed over backends). */
    long bytesStored() {
        return bytesStored.get();
    }

    /** Member: blob bytes its downloads fetched. */
    long bytesFetched() {
        return bytesFetched.get();
    }

    /** Failed runs, seedings, downloads and imports (each retried or given up). */
    long failures() {
        return failures.get();
    }

    Optional<Failure> lastFailure() {
        return Optional.ofNullable(lastFailure);
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
