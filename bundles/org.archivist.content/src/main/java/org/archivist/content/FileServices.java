package org.archivist.content;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.archivist.api.content.BlobStore;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.FileService;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.content.internal.BlobStoreRegistry;
import org.archivist.content.internal.DefaultFileService;
import org.archivist.content.internal.StorageLimitListener;
import org.archivist.api.content.StorageUsage;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.StorageHolder;

/** The supported way to build a {@link FileService} outside OSGi. */
public final class FileServices {
    private FileServices() {
    }

    /** A builder for a service keeping its files under {@code dir}. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** Options of a file service; {@link #start()} starts it. */
    public static final class Builder {
        private final Path dir;
        private final Map<String, BlobStore> stores = new LinkedHashMap<>();
        private Optional<ArchiveCipher> cipher = Optional.empty();
        private Optional<CommunityDirectory> directory = Optional.empty();
        private String defaultType;
        private int threads = 4;
        private int fetchAttempts = 4;
        private Duration firstPause = Duration.ofMillis(500);
        private long maxBytes;
        private StorageLimitListener limits = StorageLimitListener.NONE;
        private Duration refreshEvery = Duration.ofHours(1);
        private NodeStorage nodeStorage;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** A blob store under its storage type; the first one added is the default unless {@link #defaultType}. */
        public Builder store(String type, BlobStore store) {
            stores.put(type, store);
            if (defaultType == null) {
                defaultType = type;
            }
            return this;
        }

        public Builder defaultType(String type) {
            this.defaultType = type;
            return this;
        }

        /** The host's cipher and directory: files of encrypted communities are stored encrypted. */
        public Builder host(ArchiveCipher c, CommunityDirectory d) {
            this.cipher = Optional.of(c);
            this.directory = Optional.of(d);
            return this;
        }

        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        /** Attempts of a fetch and the first pause between them (doubled each time). */
        public Builder fetchRetries(int attempts, Duration pause) {
            this.fetchAttempts = attempts;
            this.firstPause = pause;
            return this;
        }

        /**
         * The node's storage limit (the scheduler's {@code SchedulerNode.nodeStorage()}), asked before each transfer:
         * files count against it with everything else Archivist stores. Hand the running service's
         * {@link RunningFileService#storageHolder()} to the scheduler ({@code SchedulerNode.addStorageHolder}) so
         * that it counts the files and may release fetched copies.
         *
         * @since 1.2
         */
        public Builder nodeStorage(NodeStorage storage) {
            this.nodeStorage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** The most bytes the service's own directories may hold (0, the default: no limit); a sub-limit. */
        public Builder maxBytes(long bytes) {
            this.maxBytes = bytes;
            return this;
        }

        /**
         * How often the running service asks its stores to renew what they keep (Codex: store again before the
         * node's TTL ends); default hourly, each store deciding what is due. {@link Duration#ZERO}: never (the
         * caller calls {@link RunningFileService#refreshDue()}).
         */
        public Builder refreshEvery(Duration period) {
            this.refreshEvery = Objects.requireNonNull(period, "period");
            return this;
        }

        /** Told when the storage limit is hit and when transfers fit again. */
        public Builder onStorageLimit(java.util.function.Consumer<StorageUsage> reached,
                java.util.function.Consumer<StorageUsage> cleared) {
            this.limits = new StorageLimitListener() {
                @Override
                public void reached(StorageUsage usage, long neededBytes, String what) {
                    reached.accept(usage);
                }

                @Override
                public void cleared(StorageUsage usage) {
                    cleared.accept(usage);
                }
            };
            return this;
        }

        /** Starts the service and stores, in the background, what an earlier run left unstored. */
        public RunningFileService start() throws IOException, ContentException {
            if (defaultType == null) {
                throw new IllegalStateException("a file service needs at least one blob store");
            }
            BlobStoreRegistry registry = new BlobStoreRegistry();
            stores.forEach(registry::add);
            DefaultFileService service = new DefaultFileService(registry, dir, cipher, directory, defaultType, threads,
                    fetchAttempts, firstPause, maxBytes, limits);
            service.nodeStorage(nodeStorage);
            service.resumePending();
            return new RunningFileService(service, refreshEvery);
        }
    }

    /** A started service; close it to stop its workers (unstored publishes stay in its outbox). */
    public static final class RunningFileService implements AutoCloseable {
        private final DefaultFileService service;
        private final java.util.concurrent.ScheduledExecutorService refresher;

        private RunningFileService(DefaultFileService service, Duration refreshEvery) {
            this.service = service;
            if (refreshEvery.isZero() || refreshEvery.isNegative()) {
                this.refresher = null;
                return;
            }
            this.refresher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "archivist-files-refresh");
                t.setDaemon(true);
                return t;
            });
            refresher.scheduleWithFixedDelay(service::refreshDue, refreshEvery.toMillis(), refreshEvery.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        public FileService service() {
            return service;
        }

        /**
         * What the node's storage limit counts and may release of this service: give it to the scheduler
         * ({@code SchedulerNode.addStorageHolder}).
         *
         * @since 1.2
         */
        public StorageHolder storageHolder() {
            return service.storageHolder();
        }

        /**
         * Asks every store now to renew what it keeps whose refresh is due (what the service's timer does);
         * returns how many stores failed (logged).
         *
         * @since 1.1
         */
        public int refreshDue() {
            return service.refreshDue();
        }

        @Override
        public void close() {
            if (refresher != null) {
                refresher.shutdownNow();
            }
            service.close();
        }
    }
}
