package org.archivist.storage.bittorrent.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.api.storage.StoredArchiveReader;
import org.archivist.api.storage.MemberCopies;
import org.archivist.api.storage.StoredPieceVerifier;
import org.archivist.core.io.DataDirectories;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.storage.bittorrent.internal.engine.EngineKind;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngines;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the Status-compatible BitTorrent backend ({@code storage.type=bittorrent}) with its embedded
 * engine, and resumes seeding what was seeded before the last stop.
 */
@Component(service = {StorageBackend.class, StoredArchiveReader.class, StoredPieceVerifier.class, MemberCopies.class},
        immediate = true,
        configurationPid = BitTorrentBackendComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = StorageBackend.TYPE_PROPERTY + "=" + StorageBackend.BITTORRENT)
@Designate(ocd = BitTorrentBackendComponent.Config.class)
public final class BitTorrentBackendComponent implements StorageBackend, StoredArchiveReader, StoredPieceVerifier,
        MemberCopies {
    static final String PID = "org.archivist.storage.bittorrent";

    @ObjectClassDefinition(name = "Archivist BitTorrent storage backend",
            description = "Status-compatible archive torrents (data/index layout, piece length 102400), seeded and"
                    + " fetched by an embedded BitTorrent engine (libtorrent 2.0.6 through libtorrent4j, or bt 1.10).")
    public @interface Config {
        @AttributeDefinition(description = "The BitTorrent engine: libtorrent (libtorrent 2.0.6 through libtorrent4j;"
                + " where its native does not load, bt runs instead, with a warning) or bt (bt 1.10, pure Java)")
        String engine() default "libtorrent";

        @AttributeDefinition(description = "Archive files <dir>/<community>/{data,index}; empty:"
                + " <karaf.data>/archivist/archivedata (status-go: <root>/data/archivedata)")
        String dataDir() default "";

        @AttributeDefinition(description = "Torrent files <dir>/<community>.torrent; empty:"
                + " <karaf.data>/archivist/torrents (status-go: <root>/data/torrents)")
        String torrentDir() default "";

        @AttributeDefinition(description = "Address the peer listener binds to")
        String bindAddress() default "0.0.0.0";

        @AttributeDefinition(description = "TCP listen port (also the DHT's UDP port); 0 picks a free one"
                + " (status-go's node config uses 9025)")
        int listenPort() default 9025;

        @AttributeDefinition(description = "Mainline DHT (peers of magnet links without trackers)")
        boolean dht() default true;

        @AttributeDefinition(description = "With the DHT on, join it through the public bootstrap routers; off, the"
                + " DHT knows only the nodes it meets otherwise and sends nothing to the routers (a closed network,"
                + " tests on loopback)")
        boolean dhtBootstrap() default true;

        @AttributeDefinition(description = "Announce to the torrents' trackers")
        boolean useTrackers() default true;

        @AttributeDefinition(description = "The announce-list written into new torrents (status-go's two)")
        String[] trackers() default {"udp://tracker.opentrackr.org:1337/announce",
                "udp://tracker.openbittorrent.com:6969/announce"};

        @AttributeDefinition(description = "Most peer connections in all")
        int maxPeers() default 50;

        @AttributeDefinition(description = "A member's download gives up on the metadata after this many seconds")
        int metadataTimeoutSeconds() default 120;

        @AttributeDefinition(description = "A download fails (retryable) when no wanted piece arrived for this many"
                + " seconds")
        int stallTimeoutSeconds() default 300;

        @AttributeDefinition(description = "host:port peers added to every downloaded link (x.pe hints)")
        String[] peerHints() default {};

        @AttributeDefinition(description = "The torrents' 'created by' (status-go writes the node's public key)")
        String createdBy() default "archivist";

        @AttributeDefinition(description = "Seed again, at start, the communities seeded before the last stop")
        boolean resumeSeeding() default true;

        @AttributeDefinition(description = "The most bytes per second this node receives from all peers"
                + " together; 0 = no limit")
        long downloadRateLimit() default 0;

        @AttributeDefinition(description = "The most bytes per second this node sends to all peers together"
                + " (seeding included); 0 = no limit")
        long uploadRateLimit() default 0;
    }

    private static final Logger LOG = LoggerFactory.getLogger(BitTorrentBackendComponent.class);
    private static final Duration START_WAIT = Duration.ofSeconds(60);

    private final BitTorrentSettings settings;
    private final EngineSettings engineSettings;
    private final EngineKind engineKind;
    private final Optional<ArchiveCipher> cipher;
    private final CompletableFuture<BitTorrentBackend> backend = new CompletableFuture<>();
    private volatile Thread starter;

    /** Reads the configuration; the engine starts in {@link #start()}. */
    @Activate
    public BitTorrentBackendComponent(Config config,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ArchiveCipher cipher) throws UnknownHostException {
        this(settings(config), engineSettings(config), EngineKind.parse(config.engine()), Optional.ofNullable(cipher));
    }

    BitTorrentBackendComponent(BitTorrentSettings settings, EngineSettings engine, Optional<ArchiveCipher> cipher) {
        this(settings, engine, EngineKind.DEFAULT, cipher);
    }

    BitTorrentBackendComponent(BitTorrentSettings settings, EngineSettings engine, EngineKind kind,
            Optional<ArchiveCipher> cipher) {
        this.settings = settings;
        this.engineSettings = engine;
        this.engineKind = kind;
        this.cipher = cipher;
    }

    /**
     * Starts the engine and resumes seeding on a thread of its own, so that activation (and with it the
     * start of the other bundles) does not wait for bt's start-up or for the check of seeded files. A failure
     * (an Error included, say a missing class) is logged with its cause and shown by {@link #status()}.
     */
    @Activate
    void start() {
        ClassLoader bundleLoader = getClass().getClassLoader();
        Thread t = new Thread(() -> {
            Thread.currentThread().setContextClassLoader(bundleLoader);
            try {
                BitTorrentBackend started = new BitTorrentBackend(settings, TorrentEngines.start(engineKind, engineSettings), cipher,
                        Clock.systemUTC());
                if (!backend.complete(started)) {
                    started.close(); // deactivated meanwhile
                    return;
                }
                started.resumeSeeding();
            } catch (Throwable e) {
                LOG.error("The BitTorrent engine did not start on {}:{}: {}", engineSettings.bindAddress(),
                        engineSettings.port(), e.toString(), e);
                backend.completeExceptionally(e);
            }
        }, "archivist-bittorrent-start");
        t.setDaemon(true);
        starter = t;
        t.start();
    }

    static BitTorrentSettings settings(Config config) {
        List<String> trackers = Arrays.stream(config.trackers()).filter(t -> !t.isBlank()).toList();
        return new BitTorrentSettings(DataDirectories.resolve(config.dataDir(), "archivedata"),
                DataDirectories.resolve(config.torrentDir(), "torrents"),
                trackers.isEmpty() ? Metainfo.STATUS_TRACKERS : trackers, config.createdBy(),
                Duration.ofSeconds(config.metadataTimeoutSeconds()),
                Arrays.stream(config.peerHints()).filter(p -> !p.isBlank()).toList(), config.resumeSeeding());
    }

    static EngineSettings engineSettings(Config config) throws UnknownHostException {
        return new EngineSettings(InetAddress.getByName(config.bindAddress()), config.listenPort(), config.dht(),
                config.useTrackers(), config.maxPeers(), Duration.ofSeconds(config.stallTimeoutSeconds()),
                config.dhtBootstrap(), config.downloadRateLimit(), config.uploadRateLimit());
    }

    @Deactivate
    void deactivate() {
        if (!backend.cancel(false)) {
            backend.thenAccept(BitTorrentBackend::close);
        }
        Thread t = starter;
        try {
            if (t != null) {
                t.join(START_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The plain backend behind this component, once its engine has started. */
    BitTorrentBackend backend() throws StorageException {
        try {
            return backend.get(START_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the BitTorrent engine to start", true, e);
        } catch (TimeoutException e) {
            throw new StorageException("the BitTorrent engine has not started within " + START_WAIT, true, e);
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StorageException("the BitTorrent engine did not start: " + cause.getMessage(), false, cause);
        }
    }

    @Override
    public LinkFormat linkFormat() {
        return MagnetLinkFormat.INSTANCE;
    }

    @Override
    public BackendStatus status() {
        if (starter == null) {
            return BackendStatus.down("not activated");
        }
        if (!backend.isDone()) {
            return BackendStatus.starting("the BitTorrent engine is starting");
        }
        try {
            return backend.join().status();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return BackendStatus.down("the BitTorrent engine did not start: " + cause);
        }
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

    @Override
    public List<Integer> mismatchedPieces(CommunityId community, ArchiveLocation location) throws StorageException {
        return backend().mismatchedPieces(community, location);
    }

    @Override
    public List<MemberCopy> memberCopies() throws StorageException {
        return backend().memberCopies();
    }

    @Override
    public long releaseMemberCopy(CommunityId community) throws StorageException {
        return backend().releaseMemberCopy(community);
    }
}
