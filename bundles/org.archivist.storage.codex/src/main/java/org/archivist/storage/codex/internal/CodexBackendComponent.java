package org.archivist.storage.codex.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.api.storage.StoredArchiveReader;
import org.archivist.core.io.DataDirectories;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.api.host.ArchiveCipher;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the Codex backend ({@code storage.type=codex}) for the configured node, and runs its retention. */
@Component(service = {StorageBackend.class, StoredArchiveReader.class}, immediate = true,
        configurationPid = CodexBackendComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = StorageBackend.TYPE_PROPERTY + "=" + StorageBackend.CODEX)
@Designate(ocd = CodexBackendComponent.Config.class)
public final class CodexBackendComponent implements StorageBackend, StoredArchiveReader {
    static final String PID = "org.archivist.storage.codex";
    private static final Logger LOG = LoggerFactory.getLogger(CodexBackendComponent.class);

    @ObjectClassDefinition(name = "Archivist Codex storage backend",
            description = "The Codex (Logos Storage) node archives are stored on, and how they are kept there.")
    public @interface Config {
        @AttributeDefinition(description = "Base URL of the node's REST API (its --api-bindaddr and --api-port)")
        String baseUrl() default "http://127.0.0.1:8080";

        @AttributeDefinition(description = "API prefix: /api/codex/v1, or /api/storage/v1 on the newest nodes")
        String apiPrefix() default CodexClientConfig.CODEX_PREFIX;

        @AttributeDefinition(description = "Connect timeout in seconds")
        int connectTimeoutSeconds() default 10;

        @AttributeDefinition(description = "Longest wait for the next bytes of an answer, in seconds")
        int readTimeoutSeconds() default 60;

        @AttributeDefinition(description = "Longest time one attempt of a call may take, in minutes")
        int requestTimeoutMinutes() default 30;

        @AttributeDefinition(description = "Attempts per idempotent call")
        int maxAttempts() default 4;

        @AttributeDefinition(description = "First pause between attempts in milliseconds (doubled each time)")
        long backoffMillis() default 500;

        @AttributeDefinition(description = "State directory (index and blob copies); empty: <karaf.data>/archivist/codex")
        String stateDir() default "";

        @AttributeDefinition(description = "The node's --block-ttl in days (30 by default); refreshes must come sooner")
        int nodeBlockTtlDays() default 30;

        @AttributeDefinition(description = "Re-store every seeded archive on the node this often, in hours")
        int refreshPeriodHours() default 168;

        @AttributeDefinition(description = "How often to look for communities due for a refresh, in minutes")
        int retentionCheckMinutes() default 60;
    }

    private static final long PROBE_SECONDS = 30;

    private final Config config;
    private final Optional<ArchiveCipher> cipher;
    private volatile CodexClient client;
    private volatile CodexBackend backend;
    private volatile ScheduledExecutorService timer;
    private volatile BackendStatus failed;

    /**
     * Keeps the configuration and the community cipher (when the host offers one: an encrypted community's index
     * is carried over to a node of another line with it); the client, the backend and the timers start in
     * {@link #start()}.
     */
    @Activate
    public CodexBackendComponent(Config config,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ArchiveCipher cipher) {
        this.config = config;
        this.cipher = Optional.ofNullable(cipher);
    }

    /**
     * Creates the client and the backend, and runs the node probe (every {@value #PROBE_SECONDS} s) and the
     * retention. A failure (an Error included) is logged with its cause and shown by {@link #status()}.
     */
    @Activate
    void start() {
        try {
            client = CodexClient.create(CodexClientConfig.builder(URI.create(config.baseUrl()))
                    .apiPrefix(config.apiPrefix())
                    .connectTimeout(Duration.ofSeconds(config.connectTimeoutSeconds()))
                    .readTimeout(Duration.ofSeconds(config.readTimeoutSeconds()))
                    .requestTimeout(Duration.ofMinutes(config.requestTimeoutMinutes()))
                    .maxAttempts(config.maxAttempts())
                    .backoff(Duration.ofMillis(config.backoffMillis()), Duration.ofSeconds(30))
                    .build());
            Duration refresh = Duration.ofHours(config.refreshPeriodHours());
            if (refresh.compareTo(Duration.ofDays(config.nodeBlockTtlDays())) >= 0) {
                LOG.warn("refresh period {} is not shorter than the node's block TTL of {} days: archives may expire",
                        refresh, config.nodeBlockTtlDays());
            }
            CodexBackend started = new CodexBackend(client, DataDirectories.resolve(config.stateDir(), "codex"), refresh,
                    Clock.systemUTC(), cipher);
            ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "archivist-codex-timer");
                thread.setDaemon(true);
                return thread;
            });
            t.scheduleWithFixedDelay(started::probe, 0, PROBE_SECONDS, TimeUnit.SECONDS);
            long every = Math.max(1, config.retentionCheckMinutes());
            t.scheduleWithFixedDelay(started::refreshAllDue, 1, every, TimeUnit.MINUTES);
            timer = t;
            backend = started;
            LOG.info("Codex backend on {}", client.apiRoot());
        } catch (Throwable e) {
            LOG.error("The Codex backend did not start (node {}): {}", config.baseUrl(), e.toString(), e);
            failed = BackendStatus.down("the Codex backend did not start: " + e);
        }
    }

    @Deactivate
    void deactivate() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
        CodexClient c = client;
        if (c != null) {
            c.close();
        }
    }

    private CodexBackend backend() throws StorageException {
        CodexBackend b = backend;
        if (b == null) {
            BackendStatus s = status();
            throw new StorageException("the Codex backend is not available: " + s.detail(), false);
        }
        return b;
    }

    @Override
    public BackendStatus status() {
        BackendStatus f = failed;
        if (f != null) {
            return f;
        }
        CodexBackend b = backend;
        return b == null ? BackendStatus.down("not activated") : b.status();
    }

    @Override
    public LinkFormat linkFormat() {
        return IndexCidLinkFormat.INSTANCE;
    }

    @Override
    public PublishSession beginPublish(CommunityId community) throws StorageException {
        return backend().beginPublish(community);
    }

    @Override
    public Optional<String> currentLink(CommunityId community) throws StorageException {
        return backend().currentLink(community);
    }

    @Override
    public void seed(CommunityId community) throws StorageException {
        backend().seed(community);
    }

    @Override
    public void unseed(CommunityId community) throws StorageException {
        backend().unseed(community);
    }

    @Override
    public ArchiveDownload download(CommunityId community, String link) throws StorageException {
        return backend().download(community, link);
    }

    @Override
    public byte[] readStored(CommunityId community, ArchiveLocation location) throws StorageException {
        return backend().readStored(community, location);
    }
}
