package org.archivist.storage.codex.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.archivist.api.content.BlobStore;
import org.archivist.api.content.CancelSignal;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.TransferProgress;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.io.DataDirectories;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the Codex {@link BlobStore} ({@code storage.type=codex}) beside the archive backend, reading the same
 * configuration (PID {@value CodexBackendComponent#PID}: {@code baseUrl}, {@code apiPrefix}, timeouts) plus its
 * own optional attributes, and runs its refresh timer. The metatype of the PID stays the archive backend's.
 */
@Component(service = BlobStore.class, immediate = true, configurationPid = CodexBackendComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = BlobStore.TYPE_PROPERTY + "=" + StorageBackend.CODEX)
public final class CodexBlobStoreComponent implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(CodexBlobStoreComponent.class);
    private static final long PROBE_SECONDS = 30;

    /** The attributes read from the Codex backend's configuration; the blob ones have defaults. */
    public @interface Config {
        String baseUrl() default "http://127.0.0.1:8080";

        String apiPrefix() default CodexClientConfig.CODEX_PREFIX;

        int connectTimeoutSeconds() default 10;

        int readTimeoutSeconds() default 60;

        int requestTimeoutMinutes() default 30;

        int maxAttempts() default 4;

        long backoffMillis() default 500;

        /** Kept blobs' copies and refresh times; empty: {@code <karaf.data>/archivist/codex-blobs}. */
        String blobDir() default "";

        /** Store every kept blob again this often, in hours (well below the node's block TTL). */
        int blobRefreshPeriodHours() default 168;

        /** How often to look for blobs due for a refresh, in minutes. */
        int retentionCheckMinutes() default 60;
    }

    private final Config config;
    private volatile CodexClient client;
    private volatile CodexBlobStore store;
    private volatile ScheduledExecutorService timer;
    private volatile BackendStatus failed;

    @Activate
    public CodexBlobStoreComponent(Config config) {
        this.config = config;
    }

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
            CodexBlobStore started = new CodexBlobStore(client, DataDirectories.resolve(config.blobDir(),
                    "codex-blobs"), Duration.ofHours(Math.max(1, config.blobRefreshPeriodHours())), Clock.systemUTC());
            ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "archivist-codex-blobs-timer");
                thread.setDaemon(true);
                return thread;
            });
            t.scheduleWithFixedDelay(started::probe, 0, PROBE_SECONDS, TimeUnit.SECONDS);
            t.scheduleWithFixedDelay(() -> refreshQuietly(started), 1, Math.max(1, config.retentionCheckMinutes()),
                    TimeUnit.MINUTES);
            timer = t;
            store = started;
        } catch (Throwable e) {
            LOG.error("The Codex blob store did not start (node {}): {}", config.baseUrl(), e.toString(), e);
            failed = BackendStatus.down("the Codex blob store did not start: " + e);
        }
    }

    private static void refreshQuietly(CodexBlobStore s) {
        try {
            s.refreshDue();
        } catch (ContentException | RuntimeException e) {
            LOG.warn("blob refresh: {}", e.getMessage());
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

    private CodexBlobStore store() throws ContentException {
        CodexBlobStore s = store;
        if (s == null) {
            throw new ContentException("the Codex blob store is not available: " + status().detail(), false);
        }
        return s;
    }

    @Override
    public BackendStatus status() {
        BackendStatus f = failed;
        if (f != null) {
            return f;
        }
        CodexBlobStore s = store;
        return s == null ? BackendStatus.down("not activated") : s.status();
    }

    @Override
    public boolean recognizes(String link) {
        CodexBlobStore s = store;
        return s != null && s.recognizes(link);
    }

    @Override
    public String linkOf(java.nio.file.Path file) throws ContentException {
        return store().linkOf(file);
    }

    @Override
    public String put(java.nio.file.Path file, TransferProgress progress, CancelSignal cancel)
            throws ContentException, InterruptedException {
        return store().put(file, progress, cancel);
    }

    @Override
    public void fetch(String link, java.nio.file.Path target, TransferProgress progress, CancelSignal cancel)
            throws ContentException, InterruptedException {
        store().fetch(link, target, progress, cancel);
    }

    @Override
    public List<String> kept() throws ContentException {
        return store().kept();
    }

    @Override
    public void refreshDue() throws ContentException {
        store().refreshDue();
    }

    @Override
    public void release(String link) throws ContentException {
        store().release(link);
    }
}
