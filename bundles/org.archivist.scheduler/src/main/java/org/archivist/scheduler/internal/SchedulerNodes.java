package org.archivist.scheduler.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.archivist.api.host.AnnouncementChannel;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.host.MessageStore;
import org.archivist.api.service.ArchiveEventListener;

/**
 * The one place a {@link SchedulerContext} is filled: the OSGi component and the plain-Java node builder
 * both come here, so a new part of the context is wired once.
 */
public final class SchedulerNodes {
    private SchedulerNodes() {
    }

    /**
     * @param dir the scheduler's directory: {@code state/} for the community state, the rest for downloads
     */
    static SchedulerContext context(TaskScheduler tasks, MessageStore store, CommunityDirectory directory,
            AnnouncementChannel channel, MessageImporter importer, Optional<ArchiveCipher> cipher,
            BackendRegistry backends, Path dir, ArchiveEventListener events, Duration initialRetry) {
        return context(tasks, store, directory, channel, importer, cipher, backends, dir, events, initialRetry,
                SchedulerContext.MAX_RETRY);
    }

    /** As above, with the longest retry delay too (tests shorten it). */
    public static SchedulerContext context(TaskScheduler tasks, MessageStore store, CommunityDirectory directory,
            AnnouncementChannel channel, MessageImporter importer, Optional<ArchiveCipher> cipher,
            BackendRegistry backends, Path dir, ArchiveEventListener events, Duration initialRetry,
            Duration maxRetry) {
        return new SchedulerContext(tasks, store, directory, channel, importer, backends,
                new CoreArchiveFormat(store, cipher), new CoreArchiveProgressStore(dir.resolve("state")),
                new DownloadedArchives(dir), events, initialRetry, maxRetry);
    }
}
