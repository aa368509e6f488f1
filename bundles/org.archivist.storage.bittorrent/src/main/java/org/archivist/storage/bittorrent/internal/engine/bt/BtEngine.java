package org.archivist.storage.bittorrent.internal.engine.bt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.EngineLifecycle;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.EngineState;
import org.archivist.storage.bittorrent.internal.engine.ListenPorts;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngine;
import org.archivist.storage.bittorrent.internal.metainfo.MagnetLink;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bt.Bt;
import bt.data.DataDescriptor;
import bt.data.file.FileSystemStorage;
import bt.metainfo.IMetadataService;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentId;
import bt.net.ConnectionKey;
import bt.net.IPeerConnectionPool;
import bt.net.InetPeer;
import bt.net.InetPeerAddress;
import bt.net.PeerConnection;
import bt.peer.IPeerRegistry;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;

/**
 * The engine on bt 1.10 (atomashpolskiy/bt), embedded. One bt runtime serves every torrent of the backend.
 * Settings this machine needs (see the bundle README): peer exchange and local service discovery off,
 * modules passed explicitly (never ServiceLoader), the acceptor bound where configured, and the thread
 * context class loader set to this bundle's while bt builds its Guice injector.
 */
public final class BtEngine implements TorrentEngine {
    private static final Logger LOG = LoggerFactory.getLogger(BtEngine.class);
    private static final Duration CHECK_DEADLINE_BASE = Duration.ofSeconds(60);
    private static final long CHECK_BYTES_PER_SECOND = 20L * 1024 * 1024;

    private final EngineSettings settings;
    private final PeerGuard guard = new PeerGuard();
    private final AssignmentRefresher refresher = new AssignmentRefresher();
    private final Map<TorrentId, Seed> seeds = new ConcurrentHashMap<>();
    private final Map<TorrentId, BtFetchSession> fetches = new ConcurrentHashMap<>();
    private final Set<ConnectionKey> connections = ConcurrentHashMap.newKeySet();
    private final EngineLifecycle lifecycle = new EngineLifecycle();
    private volatile int port;
    private volatile BtRuntime runtime;

    /** Creates and starts an engine: a failed start throws (see {@link #start()}). */
    public BtEngine(EngineSettings settings) throws EngineException {
        this(settings, true);
    }

    private BtEngine(EngineSettings settings, boolean start) throws EngineException {
        this.settings = settings;
        this.port = settings.port();
        if (start) {
            start();
        }
    }

    /**
     * An engine not started yet, for a caller that must hold the engine (and report its state) even when the
     * start fails; {@link #start()} it.
     */
    public static BtEngine unstarted(EngineSettings settings) {
        try {
            return new BtEngine(settings, false);
        } catch (EngineException e) {
            throw new IllegalStateException("unreachable: nothing is started", e);
        }
    }

    @Override
    public synchronized void start() throws EngineException {
        if (!lifecycle.beginStart()) {
            return;
        }
        try {
            port = settings.port() != 0 ? settings.port() : ListenPorts.free(settings);
            if (settings.port() != 0) {
                // bt binds its listener on a thread of its own and only logs a failure there
                ListenPorts.requireFree(settings, port);
            }
            GuardModule guardModule = new GuardModule(guard, refresher, new ProcessingExecutor("archivist-bt-" + port),
                    new TokenBucket(settings.downloadRateLimit()), new TokenBucket(settings.uploadRateLimit()));
            runtime = withBundleClassLoader(() -> {
                BtRuntime built = BtRuntimeFactory.build(settings, port, guardModule);
                built.startup();
                return built;
            });
            guard.attach(runtime.service(IPeerConnectionPool.class));
            guardModule.verifier().attach(runtime.service(TorrentRegistry.class));
            runtime.getEventSource()
                    .onPeerConnected(null, event -> connections.add(event.getConnectionKey()))
                    .onPeerDisconnected(null, event -> connections.remove(event.getConnectionKey()));
            runtime.getEventSource().onPieceVerified(null, event -> {
                BtFetchSession session = fetches.get(event.getTorrentId());
                if (session != null) {
                    session.pieceVerified();
                }
            });
            lifecycle.started();
        } catch (Throwable t) { // Errors too: a NoClassDefFoundError from the embedding must not pass silently
            lifecycle.failed(t);
            LOG.error("The BitTorrent engine could not start on {}:{} (DHT {}): {}",
                    settings.bindAddress().getHostAddress(), port, settings.dht() ? "on" : "off", t.toString(), t);
            BtRuntime partial = runtime;
            if (partial != null) {
                try {
                    partial.shutdown();
                } catch (Throwable ignored) { // already failing; the first cause is what matters
                    LOG.debug("shutting down a half-started runtime failed", ignored);
                }
            }
            throw new EngineException("the BitTorrent engine could not start on "
                    + settings.bindAddress().getHostAddress() + ":" + port + ": " + t, false, t);
        }
        LOG.info("BitTorrent engine (bt 1.10) listening on {}:{}, DHT {}, trackers {}, download limit {}, upload"
                + " limit {}", settings.bindAddress().getHostAddress(), port, settings.dht() ? "on" : "off",
                settings.trackers() ? "on" : "off", EngineSettings.describeRate(settings.downloadRateLimit()),
                EngineSettings.describeRate(settings.uploadRateLimit()));
    }

    @Override
    public EngineState state() {
        return lifecycle.state();
    }

    @Override
    public Optional<Throwable> failure() {
        return lifecycle.failure();
    }

    /** The running runtime, or a typed error naming the engine's state. */
    private BtRuntime running() throws EngineException {
        BtRuntime r = runtime;
        if (!lifecycle.isRunning() || r == null) {
            throw lifecycle.notRunning();
        }
        return r;
    }

    static <T> T withBundleClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BtEngine.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int connectedPeers() {
        return lifecycle.isRunning() ? connections.size() : 0;
    }

    @Override
    public Map<String, Integer> connectedPeersByTorrent() {
        if (!lifecycle.isRunning()) {
            return Map.of();
        }
        Map<String, Integer> counts = new HashMap<>();
        for (ConnectionKey key : connections) {
            counts.merge(HexFormat.of().formatHex(key.getTorrentId().getBytes()), 1, Integer::sum);
        }
        return counts;
    }

    PeerGuard guard() {
        return guard;
    }

    AssignmentRefresher refresher() {
        return refresher;
    }

    @Override
    public synchronized void seed(Metainfo torrent, Path dataDir) throws EngineException, InterruptedException {
        BtRuntime runtime = running();
        Torrent parsed = parse(runtime, torrent);
        TorrentId id = parsed.getTorrentId();
        if (seeds.containsKey(id)) {
            return;
        }
        awaitUnregistered(id);
        BtClient client = withBundleClassLoader(() -> Bt.client(runtime)
                .storage(new FileSystemStorage(dataDir))
                .torrent(() -> parsed)
                .build());
        Seed seed = new Seed(client, new ProcessingExecutor.Ticket());
        ProcessingExecutor.submitting(seed.ticket(), client::startAsync);
        seeds.put(id, seed);
        Duration deadline = CHECK_DEADLINE_BASE.plusSeconds(torrent.totalLength() / CHECK_BYTES_PER_SECOND);
        DataDescriptor data;
        try {
            data = awaitData(runtime, id, deadline);
        } catch (EngineException e) {
            stopSeed(id);
            throw e;
        }
        int have = data.getBitfield().getPiecesComplete();
        if (have != torrent.pieceCount()) {
            stopSeed(id);
            throw new EngineException("cannot seed " + torrent.name() + " (" + torrent.infoHashHex() + "): only "
                    + have + " of " + torrent.pieceCount() + " pieces on disk under " + dataDir
                    + " match the torrent", false);
        }
        LOG.info("Seeding {} ({}), {} pieces", torrent.name(), torrent.infoHashHex(), have);
    }

    private static DataDescriptor awaitData(BtRuntime runtime, TorrentId id, Duration timeout) throws EngineException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Optional<DataDescriptor> data = runtime.service(TorrentRegistry.class).getDescriptor(id)
                    .map(TorrentDescriptor::getDataDescriptor);
            if (data.isPresent()) {
                return data.get();
            }
            Thread.sleep(20);
        }
        throw new EngineException("bt did not finish checking torrent " + id + " within " + timeout, true);
    }

    /** Stops a client, ends its processing task and waits until bt has forgotten the torrent. */
    void stopClient(TorrentId id, BtClient client, ProcessingExecutor.Ticket ticket) throws InterruptedException {
        client.stop();
        ticket.interrupt();
        awaitUnregistered(id);
    }

    /** Waits until bt has forgotten a stopped torrent, so that it can be added again. */
    void awaitUnregistered(TorrentId id) throws InterruptedException {
        TorrentRegistry registry = runtime.service(TorrentRegistry.class);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (registry.getDescriptor(id).isPresent() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    private Torrent parse(BtRuntime runtime, Metainfo torrent) throws EngineException {
        Metainfo forEngine = settings.trackers() ? torrent : torrent.withTrackers(List.of());
        try {
            return withBundleClassLoader(() -> runtime.service(IMetadataService.class).fromByteArray(forEngine.bytes()));
        } catch (RuntimeException e) {
            throw new EngineException("bt refuses torrent " + torrent.infoHashHex() + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public synchronized void unseed(String infoHashHex) throws InterruptedException {
        stopSeed(TorrentId.fromBytes(java.util.HexFormat.of().parseHex(infoHashHex)));
    }

    private void stopSeed(TorrentId id) throws InterruptedException {
        Seed seed = seeds.remove(id);
        if (seed != null) {
            stopClient(id, seed.client(), seed.ticket());
            LOG.info("Stopped seeding {}", id);
        }
    }

    @Override
    public boolean isSeeding(String infoHashHex) {
        return seeds.containsKey(TorrentId.fromBytes(java.util.HexFormat.of().parseHex(infoHashHex)));
    }

    @Override
    public synchronized FetchSession fetch(MagnetLink magnet, Path dataDir) throws EngineException {
        BtRuntime runtime = running();
        TorrentId id = TorrentId.fromBytes(magnet.infoHash());
        if (seeds.containsKey(id) || fetches.containsKey(id)) {
            throw new EngineException("torrent " + magnet.infoHashHex() + " is already being seeded or fetched"
                    + " by this node", false);
        }
        // Without dn, bt stores the files under the info dict's name (bt would use dn instead, and status-go
        // reads <dataDir>/<info.name>/index).
        MagnetLink forEngine = (settings.trackers() ? magnet : magnet.withoutTrackers()).withoutDisplayName();
        BtFetchSession session = new BtFetchSession(this, id, settings.stallTimeout(), forEngine.peers());
        fetches.put(id, session);
        try {
            BtClient client = withBundleClassLoader(() -> Bt.client(runtime)
                    .storage(new FileSystemStorage(dataDir))
                    .magnet(forEngine.toString())
                    .selector(session.selector())
                    .afterTorrentFetched(session::metadataArrived)
                    .build());
            session.start(client);
        } catch (RuntimeException | LinkageError e) {
            fetches.remove(id);
            throw new EngineException("bt cannot start fetching " + magnet + ": " + e.getMessage(), false, e);
        }
        return session;
    }

    /**
     * Last resort for a download that stopped moving: drops every connection of the torrent and dials its
     * hinted peers again, so that bt starts over with fresh connection state (verified pieces are kept).
     */
    void reconnect(TorrentId id, List<String> peers) {
        runtime.service(IPeerConnectionPool.class).visitConnections(id, PeerConnection::closeQuietly);
        redial(id, peers);
        LOG.info("Torrent {}: no progress, reconnected to its peers", id);
    }

    /**
     * Dials the hinted peers again. bt dials the {@code x.pe} peers of a magnet link once; when that first
     * attempt fails (the peer was not up yet, a handshake timed out under load) it never tries again.
     */
    void redial(TorrentId id, List<String> peers) {
        IPeerRegistry registry = runtime.service(IPeerRegistry.class);
        for (String peer : peers) {
            int colon = peer.lastIndexOf(':');
            try {
                registry.addPeer(id, InetPeer.build(new InetPeerAddress(peer.substring(0, colon),
                        Integer.parseInt(peer.substring(colon + 1)))));
            } catch (RuntimeException e) {
                LOG.debug("cannot dial {} again: {}", peer, e.getMessage());
            }
        }
    }

    void fetchClosed(TorrentId id, BtFetchSession session) {
        fetches.remove(id, session);
        refresher.forget(id);
        guard.forget(id);
    }

    Optional<DataDescriptor> dataOf(TorrentId id) {
        return runtime.service(TorrentRegistry.class).getDescriptor(id).map(TorrentDescriptor::getDataDescriptor);
    }

    @Override
    public synchronized void close() {
        if (!lifecycle.close()) { // closed already, or never ran: nothing to stop
            return;
        }
        for (BtFetchSession session : List.copyOf(fetches.values())) {
            session.close();
        }
        for (Seed seed : List.copyOf(seeds.values())) {
            seed.client().stop();
            seed.ticket().interrupt();
        }
        seeds.clear();
        runtime.shutdown();
        LOG.info("BitTorrent engine on port {} stopped", port);
    }

    private record Seed(BtClient client, ProcessingExecutor.Ticket ticket) {
    }
}
