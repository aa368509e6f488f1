package org.archivist.scheduler.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.host.AnnouncementChannel;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.host.MessageStore;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.ReleasePolicy;
import org.archivist.api.service.ReleaseReport;
import org.archivist.api.service.StorageHolder;
import org.archivist.api.service.StorageUsage;
import org.archivist.scheduler.node.ForwardingArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.io.DataDirectories;
import org.archivist.core.link.AnnouncementTypes;
import org.archivist.core.link.StatusAnnouncements;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the scheduler in OSGi: the host SPIs as services, every {@link StorageBackend} service under its
 * {@code storage.type} name (multiple, dynamic: backends come and go), EventAdmin when present, one small
 * shared pool. Composes an {@link ArchiveScheduler} (built by {@link SchedulerNodes}), registers it as the
 * {@link ArchiveService} and receives the communities from {@link CommunityArchiveComponent} configurations.
 * Nothing starts in the constructor: the pool and the channel subscription start on activation.
 */
@Component(configurationPid = SchedulerComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {ArchiveService.class, CommunityConfigurations.class, NodeStorage.class})
@Designate(ocd = SchedulerComponent.Config.class)
public class SchedulerComponent extends ForwardingArchiveService implements CommunityConfigurations, NodeStorage {
    public static final String PID = "org.archivist.scheduler";
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerComponent.class);

    @ObjectClassDefinition(name = "Archivist scheduler",
            description = "The shared pool and the state directory of every community's archive tasks.")
    public @interface Config {
        @AttributeDefinition(name = "Threads", description = "Size of the one pool shared by all communities")
        int threads() default 2;

        @AttributeDefinition(name = "State directory", required = false,
                description = "Community state and downloaded archives; empty: ${karaf.data}/archivist/scheduler")
        String directory() default "";

        @AttributeDefinition(name = "First retry (seconds)", description = "Doubled after each failure, up to an hour")
        long retrySeconds() default 30;

        @AttributeDefinition(name = "Magnet-link announcement type",
                description = "ApplicationMetadataMessage type of CommunityMessageArchiveMagnetlink: status-go's 43")
        int magnetlinkType() default AnnouncementTypes.MAGNETLINK;

        @AttributeDefinition(name = "Archive-link announcement type",
                description = "ApplicationMetadataMessage type of CommunityMessageArchiveLink (index CIDs, on the"
                        + " universal chat). PROVISIONAL until status-go's number is confirmed; never a number"
                        + " status-go uses (0-90)")
        int archiveLinkType() default AnnouncementTypes.ARCHIVE_LINK_PROVISIONAL;

        @AttributeDefinition(name = "Storage limit (bytes)",
                description = "Most disk space Archivist holds on this node: the backends' archive sets and local"
                        + " copies, this scheduler's directory and the file service's files, counted together. At the"
                        + " limit what the release policy allows is released; if still over, a member stops"
                        + " downloading (the archive stays missing, a FAILED event and the community's last error say"
                        + " so) and retries later, and a file transfer is refused; an owner's own archives are never"
                        + " refused. 0: no limit. Changeable at run time")
        long maxStorageBytes() default 0;

        @AttributeDefinition(name = "Release at the limit",
                description = "What the node releases by itself when something does not fit: none (stop with a"
                        + " status and an event), oldest-files-first (fetched copies of files, oldest first), or"
                        + " files-then-archives (then members' imported archive sets, oldest first). Staged"
                        + " publishes and an owner's archives are never released. Changeable at run time")
        String storageRelease() default "none";
    }

    private volatile Config config;
    private final MessageStore store;
    private final CommunityDirectory directory;
    private final AnnouncementChannel channel;
    private final MessageImporter importer;
    private final Optional<ArchiveCipher> cipher;
    private final BackendRegistry backends = new BackendRegistry();
    private final EventAdminPublisher events = new EventAdminPublisher();
    private final StorageHolders holders = new StorageHolders();
    private volatile ScheduledThreadPoolExecutor pool;
    private volatile ArchiveScheduler scheduler;
    private volatile AutoCloseable subscription;

    @Activate
    public SchedulerComponent(Config config, @Reference MessageStore store, @Reference CommunityDirectory directory,
            @Reference AnnouncementChannel channel, @Reference MessageImporter importer,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ArchiveCipher cipher) {
        this.config = config;
        this.store = store;
        this.directory = directory;
        this.channel = channel;
        this.importer = importer;
        this.cipher = Optional.ofNullable(cipher);
    }

    @Activate
    void start() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "archivist-scheduler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor p = new ScheduledThreadPoolExecutor(Math.max(1, config.threads()), threads);
        p.setRemoveOnCancelPolicy(true);
        Path dir = DataDirectories.resolve(config.directory(), "scheduler");
        StatusAnnouncements announcements = new StatusAnnouncements(
                new AnnouncementTypes(config.magnetlinkType(), config.archiveLinkType()));
        pool = p;
        SchedulerContext ctx = SchedulerNodes.context(new PoolTaskScheduler(p, Clock.systemUTC()), store,
                directory, channel, importer, cipher, backends, dir, events,
                Duration.ofSeconds(Math.max(1, config.retrySeconds()))).withAnnouncements(announcements)
                .withStorageLimit(Math.max(0, config.maxStorageBytes()), releasePolicy(config), holders, events);
        scheduler = new ArchiveScheduler(ctx);
        subscription = channel.subscribe(scheduler);
        LOG.info("archive scheduler started: {} thread(s), state in {}, backends {}, {}, storage limit {} bytes"
                + " (0: none), release at the limit: {}", config.threads(), dir, backends.names(), announcements,
                config.maxStorageBytes(), releasePolicy(config).configValue());
    }

    /** The configured release policy; an unknown value is logged (naming the valid ones) and releases nothing. */
    static ReleasePolicy releasePolicy(Config config) {
        try {
            return ReleasePolicy.parse(config.storageRelease());
        } catch (IllegalArgumentException e) {
            LOG.error("{}: nothing is released at the storage limit until it is corrected", e.getMessage());
            return ReleasePolicy.NONE;
        }
    }

    /**
     * A changed configuration: a new storage limit or release policy alone applies at once (downloads it stopped
     * try again); any other change (pool, directory, retry, announcement types) restarts the scheduler with the new
     * configuration, as a reactivation would.
     */
    @Modified
    void modified(Config next) throws Exception {
        Config before = config;
        config = next;
        if (sameExceptStorageLimit(before, next)) {
            ArchiveScheduler s = scheduler;
            if (s != null) {
                s.setMaxStorageBytes(Math.max(0, next.maxStorageBytes()));
                s.setStorageRelease(releasePolicy(next));
            }
            return;
        }
        LOG.info("scheduler configuration changed: restarting the scheduler with it");
        deactivate();
        start();
    }

    /** Whether only the storage limit or its release policy changed (both apply at once). */
    private static boolean sameExceptStorageLimit(Config a, Config b) {
        return a.threads() == b.threads() && a.directory().equals(b.directory())
                && a.retrySeconds() == b.retrySeconds() && a.magnetlinkType() == b.magnetlinkType()
                && a.archiveLinkType() == b.archiveLinkType();
    }

    /** Every storage backend, under its {@code storage.type}; a backend without a valid name is refused. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBackend(StorageBackend backend, Map<String, Object> properties) {
        String name = String.valueOf(properties.get(StorageBackend.TYPE_PROPERTY));
        try {
            if (!backends.add(name, backend)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            LOG.error("storage backend {} ignored: {}", properties.get("component.name"), e.getMessage());
            return;
        }
        LOG.info("storage backend '{}' available ({} links)", name, backend.linkFormat().kind());
        ArchiveScheduler s = scheduler;
        if (s != null) {
            s.backendAdded(name);
        }
    }

    void unbindBackend(StorageBackend backend, Map<String, Object> properties) {
        String name = String.valueOf(properties.get(StorageBackend.TYPE_PROPERTY));
        if (backends.remove(name, backend)) {
            LOG.warn("storage backend '{}' went away", name);
            ArchiveScheduler s = scheduler;
            if (s != null) {
                s.backendRemoved(name);
            }
        }
    }

    /** Every {@link StorageHolder} (the file service): counted by the node's storage limit. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStorageHolder(StorageHolder holder) {
        holders.add(holder);
        LOG.info("storage holder '{}' counted by the node's storage limit", holder.name());
    }

    void unbindStorageHolder(StorageHolder holder) {
        holders.remove(holder);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEventAdmin(EventAdmin admin) {
        events.set(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        events.unset(admin);
    }

    @Override
    public void configure(ArchiveSettings settings) {
        scheduler.configure(settings);
    }

    @Override
    public void remove(CommunityId id) {
        scheduler.remove(id);
    }

    @Override
    public void detach(CommunityId id) {
        scheduler.detach(id);
    }

    /** The running scheduler's node storage; a retryable I/O failure while it restarts. */
    private NodeStorage nodeStorage() throws java.io.IOException {
        ArchiveScheduler s = scheduler;
        if (s == null) {
            throw new java.io.IOException("the scheduler is not running (restarting?): the node's storage is unknown");
        }
        return s.nodeStorage();
    }

    @Override
    public StorageUsage usage() throws java.io.IOException {
        return nodeStorage().usage();
    }

    @Override
    public ReleasePolicy releasePolicy() {
        ArchiveScheduler s = scheduler;
        return s == null ? ReleasePolicy.NONE : s.nodeStorage().releasePolicy();
    }

    @Override
    public boolean makeRoom(long bytes, String what) throws java.io.IOException {
        return nodeStorage().makeRoom(bytes, what);
    }

    @Override
    public ReleaseReport release(long bytes, Set<ReleasableCopy.Kind> kinds, boolean dryRun)
            throws java.io.IOException {
        return nodeStorage().release(bytes, kinds, dryRun);
    }

    /** The running scheduler; {@link ArchiveService} calls are forwarded to it. */
    @Override
    protected ArchiveService delegate() {
        return scheduler;
    }

    @Deactivate
    void deactivate() throws Exception {
        AutoCloseable sub = subscription;
        if (sub != null) {
            sub.close();
        }
        ArchiveScheduler s = scheduler;
        if (s != null) {
            s.close();
        }
        ScheduledThreadPoolExecutor p = pool;
        if (p != null) {
            p.shutdown();
            if (!p.awaitTermination(10, TimeUnit.SECONDS)) {
                p.shutdownNow();
            }
        }
    }
}
