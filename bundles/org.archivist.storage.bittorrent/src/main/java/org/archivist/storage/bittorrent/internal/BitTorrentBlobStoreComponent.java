package org.archivist.storage.bittorrent.internal;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.archivist.api.content.BlobStore;
import org.archivist.api.content.CancelSignal;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.TransferProgress;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.io.DataDirectories;
import org.archivist.storage.bittorrent.internal.engine.EngineKind;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngine;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngines;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the BitTorrent {@link BlobStore} ({@code storage.type=bittorrent}) with an engine of its own (its own
 * port: the archive backend's engine stays Status-compatible and untouched) of the configured kind (libtorrent by
 * default, bt where its native does not load, as for the archive backend), and seeds the kept blobs again at start.
 */
@Component(service = BlobStore.class, immediate = true, configurationPid = BitTorrentBlobStoreComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = BlobStore.TYPE_PROPERTY + "=" + StorageBackend.BITTORRENT)
@Designate(ocd = BitTorrentBlobStoreComponent.Config.class)
public final class BitTorrentBlobStoreComponent implements BlobStore {
    static final String PID = "org.archivist.storage.bittorrent.blobs";
    private static final Logger LOG = LoggerFactory.getLogger(BitTorrentBlobStoreComponent.class);
    private static final Duration START_WAIT = Duration.ofSeconds(60);

    @ObjectClassDefinition(name = "Archivist BitTorrent blob store",
            description = "Files and community descriptions as single-file torrents, seeded by an embedded engine"
                    + " (libtorrent 2.0.6 through libtorrent4j, or bt 1.10).")
    public @interface Config {
        @AttributeDefinition(description = "The BitTorrent engine: libtorrent (libtorrent 2.0.6 through libtorrent4j;"
                + " where its native does not load, bt runs instead, with a warning) or bt (bt 1.10, pure Java)")
        String engine() default "libtorrent";

        @AttributeDefinition(description = "Blob files and torrents; empty: <karaf.data>/archivist/blobs")
        String blobDir() default "";

        @AttributeDefinition(description = "Address the peer listener binds to")
        String bindAddress() default "0.0.0.0";

        @AttributeDefinition(description = "TCP listen port; 0 picks a free one")
        int listenPort() default 9027;

        @AttributeDefinition(description = "Host written into links as this node's peer hint; empty for none")
        String advertiseHost() default "";

        @AttributeDefinition(description = "Mainline DHT (peers of links without hints)")
        boolean dht() default true;

        @AttributeDefinition(description = "host:port peers added to every fetched link")
        String[] peerHints() default {};

        @AttributeDefinition(description = "A fetch gives up on the metadata after this many seconds")
        int metadataTimeoutSeconds() default 120;

        @AttributeDefinition(description = "A fetch attempt fails (retryable; the retry resumes in a fresh engine) when"
                + " no piece arrived for this many seconds")
        int stallTimeoutSeconds() default 60;

        @AttributeDefinition(description = "The largest blob a fetch accepts, in bytes")
        long maxBlobBytes() default 64L << 20;
    }

    private final Config config;
    private final CompletableFuture<BitTorrentBlobStore> store = new CompletableFuture<>();
    private final EngineKind engineKind;
    private volatile TorrentEngine engine;

    /** Reads the configuration (an unknown engine name fails the activation); the engine starts in {@link #start()}. */
    @Activate
    public BitTorrentBlobStoreComponent(Config config) {
        this.config = config;
        this.engineKind = EngineKind.parse(config.engine());
    }

    /** Starts the engine and re-seeds the kept blobs on a thread of its own; failures show in the status. */
    @Activate
    void start() {
        ClassLoader bundleLoader = getClass().getClassLoader();
        Thread t = new Thread(() -> {
            Thread.currentThread().setContextClassLoader(bundleLoader);
            try {
                EngineSettings settings = new EngineSettings(InetAddress.getByName(config.bindAddress()),
                        config.listenPort(), config.dht(), false, 50,
                        Duration.ofSeconds(config.stallTimeoutSeconds()));
                EngineKind kind = TorrentEngines.usable(engineKind);
                TorrentEngine started = TorrentEngines.start(kind, settings);
                engine = started;
                Path dir = DataDirectories.resolve(config.blobDir(), "blobs");
                EngineSettings fetching = settings.withPort(0);
                BitTorrentBlobStore s = new BitTorrentBlobStore(started, () -> TorrentEngines.start(kind, fetching),
                        BlobLayout.of(kind), dir,
                        Optional.of(config.advertiseHost()).filter(h -> !h.isBlank()),
                        Arrays.stream(config.peerHints()).filter(p -> !p.isBlank()).toList(),
                        Duration.ofSeconds(config.metadataTimeoutSeconds()), config.maxBlobBytes());
                s.refreshDue();
                if (!store.complete(s)) {
                    started.close();
                }
            } catch (Throwable e) {
                LOG.error("The BitTorrent blob store did not start: {}", e.toString(), e);
                store.completeExceptionally(e);
            }
        }, "archivist-bittorrent-blobs-start");
        t.setDaemon(true);
        t.start();
    }

    @Deactivate
    void deactivate() {
        store.cancel(false);
        TorrentEngine e = engine;
        if (e != null) {
            e.close();
        }
    }

    private BitTorrentBlobStore store() throws ContentException {
        try {
            return store.get(START_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContentException("interrupted while waiting for the blob engine", true, e);
        } catch (TimeoutException e) {
            throw new ContentException("the blob engine has not started within " + START_WAIT, true, e);
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ContentException("the blob engine did not start: " + cause, false, cause);
        }
    }

    @Override
    public BackendStatus status() {
        if (!store.isDone()) {
            return BackendStatus.starting("the BitTorrent blob engine is starting");
        }
        try {
            return store.join().status();
        } catch (RuntimeException e) {
            return BackendStatus.down("the BitTorrent blob store did not start: " + (e.getCause() == null ? e
                    : e.getCause()));
        }
    }

    @Override
    public boolean recognizes(String link) {
        return store.isDone() && !store.isCompletedExceptionally() && store.join().recognizes(link);
    }

    @Override
    public String linkOf(Path file) throws ContentException {
        return store().linkOf(file);
    }

    @Override
    public String put(Path file, TransferProgress progress, CancelSignal cancel)
            throws ContentException, InterruptedException {
        return store().put(file, progress, cancel);
    }

    @Override
    public void fetch(String link, Path target, TransferProgress progress, CancelSignal cancel)
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
