package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.archivist.api.ArchivistException;
import org.archivist.api.IndexEntry;
import org.archivist.api.host.AnnouncementChannel;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.host.MessageStore;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.storage.StorageBackend;

/**
 * A member node reduced to its import: the scheduler's own {@link ImportRunner}, downloaded-archive store
 * and progress store, on a real task pool, fed with archives as if they had been downloaded. Behind
 * {@link org.archivist.scheduler.bench.ImportBench}; the owner side, the channel and downloads are absent.
 */
public final class ImportDriver implements AutoCloseable {
    private final Community community;
    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "import-driver");
        t.setDaemon(true);
        return t;
    });
    private final SchedulerContext ctx;
    private final ImportRunner runner;
    private final org.archivist.api.storage.LinkFormat format;
    private volatile CountDownLatch finished = new CountDownLatch(1);

    public ImportDriver(Path dir, Community community, MessageImporter importer, String backendName,
            StorageBackend backend, Optional<ArchiveCipher> cipher, double importRate) {
        this.community = community;
        this.format = backend.linkFormat();
        BackendRegistry backends = new BackendRegistry();
        backends.add(backendName, backend);
        CommunityDirectory directory = new CommunityDirectory() {
            @Override
            public Optional<Community> community(org.archivist.api.CommunityId id) {
                return id.equals(community.id()) ? Optional.of(community) : Optional.empty();
            }

            @Override
            public List<Community> communities() {
                return List.of(community);
            }
        };
        this.ctx = SchedulerNodes.context(new PoolTaskScheduler(pool, Clock.systemUTC()), NO_STORE, directory,
                NO_CHANNEL, importer, cipher, backends, dir, event -> {
                    if (event.type() == ArchiveEvent.Type.FINISHED) {
                        finished.countDown();
                    }
                }, SchedulerContext.INITIAL_RETRY);
        ArchiveSettings settings = ArchiveSettings.defaults(community.id()).withImportRate(importRate);
        this.runner = new ImportRunner(community.id(), ctx, new SerialQueue(ctx.scheduler(), community.id().hex()),
                () -> settings);
    }

    /** Stores an archive as downloaded and waiting for import. */
    public void addDownloaded(IndexEntry entry, byte[] blob) throws IOException, ArchivistException {
        ctx.downloads().save(community.id(), format, entry, blob);
        ctx.states().open(community.id()).addDownloaded(entry.archiveId());
    }

    /** Imports every waiting archive; returns how many messages reached the importer, or -1 on a timeout. */
    public long importAll(Duration timeout) throws InterruptedException {
        finished = new CountDownLatch(1);
        long before = runner.importedMessages();
        runner.kick();
        if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return runner.importedMessages() - before;
    }

    /** Archives still waiting for import. */
    public int unimported() throws ArchivistException {
        return ctx.states().open(community.id()).unimported().size();
    }

    @Override
    public void close() {
        runner.stop();
        pool.shutdownNow();
    }

    private static final MessageStore NO_STORE = new MessageStore() {
        @Override
        public Stream<org.archivist.api.ArchivedMessage> messages(org.archivist.api.CommunityId c,
                java.util.Set<org.archivist.api.ContentTopic> topics, org.archivist.api.TimeRange range) {
            return Stream.empty();
        }

        @Override
        public OptionalLong oldestTimestamp(org.archivist.api.CommunityId c,
                java.util.Set<org.archivist.api.ContentTopic> topics) {
            return OptionalLong.empty();
        }
    };

    private static final AnnouncementChannel NO_CHANNEL = new AnnouncementChannel() {
        @Override
        public void publish(org.archivist.api.CommunityId c, int type, byte[] payload) {
            throw new UnsupportedOperationException("an import driver announces nothing");
        }

        @Override
        public AutoCloseable subscribe(org.archivist.api.host.AnnouncementListener listener) {
            return () -> { };
        }
    };
}
