package org.archivist.scheduler.node;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.host.AnnouncementChannel;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.host.MessageStore;
import org.archivist.api.service.ArchiveEventListener;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.ReleasePolicy;
import org.archivist.api.service.StorageUsage;
import org.archivist.api.service.StorageHolder;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;
import org.archivist.scheduler.internal.ArchiveScheduler;
import org.archivist.scheduler.internal.ArchiveSettings;
import org.archivist.scheduler.internal.BackendRegistry;
import org.archivist.scheduler.internal.PoolTaskScheduler;
import org.archivist.scheduler.internal.SchedulerContext;
import org.archivist.scheduler.internal.SchedulerNodes;
import org.archivist.scheduler.internal.StorageEvents;
import org.archivist.scheduler.internal.StorageHolders;

/**
 * A running scheduler outside OSGi: the per-community tasks on a small daemon pool and the real clock,
 * subscribed to the host's announcement channel. Communities are configured with the same values as the
 * OSGi factory configuration ({@code backend}, {@code distribution}, {@code importRate}).
 */
public final class SchedulerNode extends ForwardingArchiveService implements AutoCloseable {
    /** status-go's import rate: one chunk of 10 messages per second. */
    public static final double DEFAULT_IMPORT_RATE = ArchiveSettings.DEFAULT_IMPORT_RATE;

    private final ScheduledThreadPoolExecutor pool;
    private final ArchiveScheduler scheduler;
    private final AutoCloseable subscription;
    private final StorageHolders holders;

    private SchedulerNode(ScheduledThreadPoolExecutor pool, ArchiveScheduler scheduler, AutoCloseable subscription,
            StorageHolders holders) {
        this.pool = pool;
        this.scheduler = scheduler;
        this.subscription = subscription;
        this.holders = holders;
    }

    /** The host SPIs the node works with; everything else has a default. */
    public static Builder builder(MessageStore store, CommunityDirectory directory, AnnouncementChannel channel,
            MessageImporter importer) {
        return new Builder(store, directory, channel, importer);
    }

    /**
     * Archives (and announces) the community on {@code backend} when this node controls it, and acts on the
     * links of {@code distribution} when it is a member.
     *
     * @param backend      backend names separated by commas, or {@code both} (the factory configuration's
     *                     {@code backend})
     * @param distribution the backends whose links a member follows, comma-separated; empty or {@code any}: all
     * @param importRate   messages per second handed to the importer
     */
    public void configure(CommunityId id, String backend, String distribution, double importRate) {
        configure(id, backend, distribution, importRate, Duration.ZERO);
    }

    /**
     * As {@link #configure(CommunityId, String, String, double)}, with a member's history window (the factory
     * configuration's {@code historyWindowDays}): only the archives overlapping {@code [now - historyWindow, now)}
     * are fetched, the others stay listed and are fetched when the window widens (configure again) or on demand
     * ({@link #fetchRange}). {@link Duration#ZERO}: every archive.
     *
     * @throws IllegalArgumentException when the window is negative
     * @since 1.2
     */
    public void configure(CommunityId id, String backend, String distribution, double importRate,
            Duration historyWindow) {
        scheduler.configure(ArchiveSettings.defaults(id).withBackends(ArchiveSettings.parseBackends(backend))
                .withDistribution(ArchiveSettings.parseDistribution(distribution)).withImportRate(importRate)
                .withHistoryWindow(historyWindow));
    }

    /**
     * Changes the node-wide storage limit at run time, as a changed {@code maxStorageBytes} of the scheduler's
     * configuration does: downloads the old limit stopped try again now.
     *
     * @param maxBytes the most bytes this node holds for archives; 0: no limit
     * @throws IllegalArgumentException when negative
     * @since 1.5
     */
    public void maxStorageBytes(long maxBytes) {
        scheduler.setMaxStorageBytes(maxBytes);
    }

    /**
     * Changes what the node releases by itself at its storage limit, at run time (the scheduler configuration's
     * {@code storageRelease}); downloads the limit stopped try again now.
     *
     * @since 1.3
     */
    public void storageRelease(ReleasePolicy policy) {
        scheduler.setStorageRelease(policy);
    }

    /**
     * The node-wide storage limit (what the scheduler registers as the {@link NodeStorage} service in OSGi): hand it to
     * the file service ({@code FileServices.Builder.nodeStorage}) so that files count against it too.
     *
     * @since 1.3
     */
    public NodeStorage nodeStorage() {
        return scheduler.nodeStorage();
    }

    /**
     * Counts {@code holder} (the file service's {@code RunningFileService.storageHolder()}) against the node's storage
     * limit from now on; its releasable copies may be released.
     *
     * @since 1.3
     */
    public void addStorageHolder(StorageHolder holder) {
        holders.add(holder);
    }

    /** Stops the community's tasks; its state stays on disk. */
    public void remove(CommunityId id) {
        scheduler.remove(id);
    }

    @Override
    protected ArchiveService delegate() {
        return scheduler;
    }

    @Override
    public void close() throws Exception {
        try {
            subscription.close();
            scheduler.close();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Options of a node; {@link #start()} builds and starts it. */
    public static final class Builder {
        private final MessageStore store;
        private final CommunityDirectory directory;
        private final AnnouncementChannel channel;
        private final MessageImporter importer;
        private final Map<String, StorageBackend> backends = new LinkedHashMap<>();
        private Optional<ArchiveCipher> cipher = Optional.empty();
        private Path dir = Path.of("scheduler");
        private int threads = 2;
        private ArchiveEventListener events = ArchiveEventListener.NONE;
        private Duration initialRetry = SchedulerContext.INITIAL_RETRY;
        private Duration maxRetry = SchedulerContext.MAX_RETRY;
        private long maxStorageBytes;
        private ReleasePolicy storageRelease = ReleasePolicy.NONE;
        private StorageEvents storageEvents = StorageEvents.NONE;

        private Builder(MessageStore store, CommunityDirectory directory, AnnouncementChannel channel,
                MessageImporter importer) {
            this.store = Objects.requireNonNull(store, "store");
            this.directory = Objects.requireNonNull(directory, "directory");
            this.channel = Objects.requireNonNull(channel, "channel");
            this.importer = Objects.requireNonNull(importer, "importer");
        }

        /** The community cipher, for encrypted communities. */
        public Builder cipher(ArchiveCipher c) {
            this.cipher = Optional.of(c);
            return this;
        }

        /** A storage backend under its {@code storage.type} name. */
        public Builder backend(String type, StorageBackend backend) {
            backends.put(type, Objects.requireNonNull(backend, "backend"));
            return this;
        }

        /** Community state ({@code state/}) and downloaded archives live here. */
        public Builder directory(Path d) {
            this.dir = Objects.requireNonNull(d, "directory");
            return this;
        }

        public Builder threads(int n) {
            this.threads = Math.max(1, n);
            return this;
        }

        public Builder events(ArchiveEventListener listener) {
            this.events = Objects.requireNonNull(listener, "events");
            return this;
        }

        /** The first retry delay after a failure, doubled up to {@code max}. */
        public Builder retry(Duration first, Duration max) {
            this.initialRetry = Objects.requireNonNull(first, "first");
            this.maxRetry = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * The most bytes this node holds for archives (the scheduler configuration's {@code maxStorageBytes}); 0, the
         * default: no limit.
         *
         * @throws IllegalArgumentException when negative
         * @since 1.5
         */
        public Builder maxStorageBytes(long maxBytes) {
            if (maxBytes < 0) {
                throw new IllegalArgumentException("maxStorageBytes cannot be negative (0: no limit), got " + maxBytes);
            }
            this.maxStorageBytes = maxBytes;
            return this;
        }

        /**
         * What the node releases by itself at its storage limit (the scheduler configuration's {@code storageRelease});
         * {@link ReleasePolicy#NONE}, the default: nothing.
         *
         * @since 1.3
         */
        public Builder storageRelease(ReleasePolicy policy) {
            this.storageRelease = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Told of each copy the storage limit releases (in OSGi: the EventAdmin topic
         * {@link NodeStorage#RELEASED_TOPIC}).
         *
         * @since 1.3
         */
        public Builder onStorageReleased(Consumer<ReleasableCopy> listener) {
            Objects.requireNonNull(listener, "listener");
            this.storageEvents = new StorageEvents() {
                @Override
                public void released(ReleasableCopy copy) {
                    listener.accept(copy);
                }

                @Override
                public void limitReached(StorageUsage usage, long neededBytes, String what) {
                }
            };
            return this;
        }

        /** Starts the pool and subscribes to the channel. */
        public SchedulerNode start() throws Exception {
            BackendRegistry registry = new BackendRegistry();
            StorageHolders holders = new StorageHolders();
            backends.forEach((name, b) -> {
                if (!registry.add(name, b)) {
                    throw new IllegalArgumentException("backend '" + name + "' given twice");
                }
            });
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, r -> {
                Thread t = new Thread(r, "archivist-scheduler");
                t.setDaemon(true);
                return t;
            });
            pool.setRemoveOnCancelPolicy(true);
            SchedulerContext ctx = SchedulerNodes.context(new PoolTaskScheduler(pool, Clock.systemUTC()), store,
                    directory, channel, importer, cipher, registry, dir, events, initialRetry, maxRetry)
                    .withStorageLimit(maxStorageBytes, storageRelease, holders, storageEvents);
            ArchiveScheduler scheduler = new ArchiveScheduler(ctx);
            try {
                return new SchedulerNode(pool, scheduler, channel.subscribe(scheduler), holders);
            } catch (RuntimeException e) {
                scheduler.close();
                pool.shutdownNow();
                throw e;
            }
        }
    }
}
