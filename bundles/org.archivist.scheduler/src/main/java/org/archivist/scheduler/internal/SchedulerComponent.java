package org.archivist.scheduler.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.api.host.AnnouncementChannel;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.host.MessageStore;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.storage.StorageBackend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
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
 * Wires the scheduler: the host SPIs as services, the backends by {@code storage.type} (target filters,
 * dynamic: they may come and go), EventAdmin when present, one small shared pool. Registers the
 * {@link ArchiveService}; the communities come from {@link CommunityArchiveComponent} configurations.
 */
@Component(configurationPid = SchedulerComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {ArchiveService.class, ArchiveScheduler.class})
@Designate(ocd = SchedulerComponent.Config.class)
public class SchedulerComponent extends ArchiveScheduler {
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
    }

    private final ScheduledThreadPoolExecutor pool;
    private final BackendRegistry backends;
    private final EventAdminPublisher events;
    private final AutoCloseable subscription;

    @Activate
    public SchedulerComponent(Config config, @Reference MessageStore store, @Reference CommunityDirectory directory,
            @Reference AnnouncementChannel channel, @Reference MessageImporter importer,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ArchiveCipher cipher) {
        this(config, Parts.create(config), store, directory, channel, importer, Optional.ofNullable(cipher));
    }

    private SchedulerComponent(Config config, Parts parts, MessageStore store, CommunityDirectory directory,
            AnnouncementChannel channel, MessageImporter importer, Optional<ArchiveCipher> cipher) {
        super(new SchedulerContext(new PoolTaskScheduler(parts.pool, Clock.systemUTC()), store, directory, channel,
                importer, parts.backends, new CoreArchiveFormat(store, cipher), new CoreStateStore(parts.dir.resolve("state")),
                new DownloadedArchives(parts.dir), parts.events, Duration.ofSeconds(Math.max(1, config.retrySeconds())),
                SchedulerContext.MAX_RETRY));
        this.pool = parts.pool;
        this.backends = parts.backends;
        this.events = parts.events;
        this.subscription = channel.subscribe(this);
        LOG.info("archive scheduler started: {} thread(s), state in {}", config.threads(), parts.dir);
    }

    /** What the constructor builds before the superclass exists. */
    private record Parts(ScheduledThreadPoolExecutor pool, BackendRegistry backends, EventAdminPublisher events,
            Path dir) {
        static Parts create(Config config) {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory threads = r -> {
                Thread t = new Thread(r, "archivist-scheduler-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(Math.max(1, config.threads()), threads);
            pool.setRemoveOnCancelPolicy(true);
            String dir = config.directory();
            Path path = dir == null || dir.isBlank()
                    ? Path.of(System.getProperty("karaf.data", "data"), "archivist", "scheduler")
                    : Path.of(dir.trim());
            return new Parts(pool, new BackendRegistry(), new EventAdminPublisher(), path);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + StorageBackend.TYPE_PROPERTY + "=" + StorageBackend.BITTORRENT + ")")
    void bindBittorrent(StorageBackend backend) {
        backends.add(backend);
        backendsChanged();
    }

    void unbindBittorrent(StorageBackend backend) {
        backends.remove(backend);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + StorageBackend.TYPE_PROPERTY + "=" + StorageBackend.CODEX + ")")
    void bindCodex(StorageBackend backend) {
        backends.add(backend);
        backendsChanged();
    }

    void unbindCodex(StorageBackend backend) {
        backends.remove(backend);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEventAdmin(EventAdmin admin) {
        events.set(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        events.unset(admin);
    }

    @Deactivate
    void deactivate() throws Exception {
        subscription.close();
        close();
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }
}
