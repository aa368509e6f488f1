package org.archivist.scheduler.internal;

import java.time.Duration;
import java.util.Objects;

import org.archivist.api.host.AnnouncementChannel;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.host.MessageStore;
import org.archivist.api.service.ArchiveEventListener;
import org.archivist.api.service.ReleasePolicy;
import org.archivist.core.link.StatusAnnouncements;

/**
 * Everything the per-community tasks share: time, the host, the backends, the engine, state, events and the
 * announcement codec (its type numbers configurable).
 */
public record SchedulerContext(TaskScheduler scheduler, MessageStore store, CommunityDirectory directory,
        AnnouncementChannel channel, MessageImporter importer, BackendRegistry backends, ArchiveFormat format,
        ArchiveProgressStore states, DownloadedArchives downloads, ArchiveEventListener events,
        Duration initialRetry, Duration maxRetry, StatusAnnouncements announcements, StorageLimit storageLimit) {

    /** Retry delays: 30 s doubling up to 1 h, as a default. */
    public static final Duration INITIAL_RETRY = Duration.ofSeconds(30);
    public static final Duration MAX_RETRY = Duration.ofHours(1);

    public SchedulerContext {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(importer, "importer");
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(downloads, "downloads");
        events = events == null ? ArchiveEventListener.NONE : events;
        announcements = announcements == null ? StatusAnnouncements.DEFAULT : announcements;
        storageLimit = storageLimit == null ? new StorageLimit(backends, new StorageHolders(), downloads.dir(), 0,
                new ReleaseGuard(directory, states)) : storageLimit;
    }

    /** Without a storage limit. */
    public SchedulerContext(TaskScheduler scheduler, MessageStore store, CommunityDirectory directory,
            AnnouncementChannel channel, MessageImporter importer, BackendRegistry backends, ArchiveFormat format,
            ArchiveProgressStore states, DownloadedArchives downloads, ArchiveEventListener events,
            Duration initialRetry, Duration maxRetry, StatusAnnouncements announcements) {
        this(scheduler, store, directory, channel, importer, backends, format, states, downloads, events,
                initialRetry, maxRetry, announcements, null);
    }

    /** With the default announcement type numbers. */
    public SchedulerContext(TaskScheduler scheduler, MessageStore store, CommunityDirectory directory,
            AnnouncementChannel channel, MessageImporter importer, BackendRegistry backends, ArchiveFormat format,
            ArchiveProgressStore states, DownloadedArchives downloads, ArchiveEventListener events,
            Duration initialRetry, Duration maxRetry) {
        this(scheduler, store, directory, channel, importer, backends, format, states, downloads, events,
                initialRetry, maxRetry, StatusAnnouncements.DEFAULT);
    }

    /** The same context with other announcement type numbers. */
    public SchedulerContext withAnnouncements(StatusAnnouncements a) {
        return new SchedulerContext(scheduler, store, directory, channel, importer, backends, format, states,
                downloads, events, initialRetry, maxRetry, a, storageLimit);
    }

    /** The same context with a node-wide storage limit of {@code maxBytes} (0: none), releasing nothing. */
    public SchedulerContext withStorageLimit(long maxBytes) {
        return withStorageLimit(maxBytes, ReleasePolicy.NONE, new StorageHolders(), StorageEvents.NONE);
    }

    /**
     * The same context with a node-wide storage limit of {@code maxBytes} (0: none) over the backends, the
     * scheduler's directory and {@code holders}, releasing what {@code policy} allows at the limit.
     */
    public SchedulerContext withStorageLimit(long maxBytes, ReleasePolicy policy, StorageHolders holders,
            StorageEvents storageEvents) {
        StorageLimit limit = new StorageLimit(backends, holders, downloads.dir(), maxBytes,
                new ReleaseGuard(directory, states));
        limit.setReleasePolicy(policy);
        limit.setEvents(storageEvents);
        return new SchedulerContext(scheduler, store, directory, channel, importer, backends, format, states,
                downloads, events, initialRetry, maxRetry, announcements, limit);
    }

    Backoff newBackoff() {
        return new Backoff(initialRetry, maxRetry);
    }

    long nowSeconds() {
        return scheduler.now().getEpochSecond();
    }

    long nowMillis() {
        return scheduler.now().toEpochMilli();
    }
}
