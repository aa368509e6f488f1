package org.archivist.storage.bittorrent.internal.engine.lt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.archivist.libtorrent4j.Libtorrent4jNative;
import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.EngineLifecycle;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.EngineState;
import org.archivist.storage.bittorrent.internal.engine.ListenPorts;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngine;
import org.archivist.storage.bittorrent.internal.metainfo.MagnetLink;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.libtorrent4j.LibTorrent;
import org.libtorrent4j.Sha1Hash;
import org.libtorrent4j.TorrentFlags;
import org.libtorrent4j.TorrentHandle;
import org.libtorrent4j.TorrentInfo;
import org.libtorrent4j.TorrentStatus;
import org.libtorrent4j.swig.add_torrent_params;
import org.libtorrent4j.swig.address;
import org.libtorrent4j.swig.error_code;
import org.libtorrent4j.swig.ip_filter;
import org.libtorrent4j.swig.tcp_endpoint;
import org.libtorrent4j.swig.torrent_flags_t;
import org.libtorrent4j.swig.torrent_handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine on libtorrent 2.0.6 through libtorrent4j (the {@code org.archivist.libtorrent4j} bundle, whose
 * {@link Libtorrent4jNative} loads the native once per class loader). One session serves every torrent of the
 * node. Torrents are added outside libtorrent's queue (not auto-managed), so every seed and fetch is active.
 * Corrupt peers are libtorrent's business: it bans a peer whose blocks failed a piece it alone sent and, when
 * several peers sent a failed piece, the one whose blocks differ once the piece passes (smart ban).
 */
public final class LibtorrentEngine implements TorrentEngine {
    private static final Logger LOG = LoggerFactory.getLogger(LibtorrentEngine.class);
    private static final Duration CHECK_DEADLINE_BASE = Duration.ofSeconds(60);
    private static final long CHECK_BYTES_PER_SECOND = 20L * 1024 * 1024;
    private static final Duration LISTEN_WAIT = Duration.ofSeconds(10);
    private static final Duration REMOVAL_WAIT = Duration.ofSeconds(10);

    private final EngineSettings settings;
    private final Map<String, TorrentHandle> seeds = new ConcurrentHashMap<>();
    private final Map<String, LibtorrentFetchSession> fetches = new ConcurrentHashMap<>();
    private final List<Consumer<String>> banListeners = new CopyOnWriteArrayList<>();
    private final EngineLifecycle lifecycle = new EngineLifecycle();
    private volatile int port;
    private volatile LtSession session;

    private LibtorrentEngine(EngineSettings settings) {
        this.settings = settings;
        this.port = settings.port();
    }

    /** Creates and starts an engine: a failed start throws (see {@link #start()}). */
    public static LibtorrentEngine start(EngineSettings settings) throws EngineException {
        LibtorrentEngine engine = unstarted(settings);
        engine.start();
        return engine;
    }

    /** An engine not started yet, for a caller that must hold it (and report its state) even when the start fails. */
    public static LibtorrentEngine unstarted(EngineSettings settings) {
        return new LibtorrentEngine(settings);
    }

    @Override
    public synchronized void start() throws EngineException {
        if (!lifecycle.beginStart()) {
            return;
        }
        try {
            Libtorrent4jNative.load();
            port = settings.port() != 0 ? settings.port() : ListenPorts.free(settings);
            // libtorrent only reports a listen failure as an alert: check first, to fail with a clear message
            ListenPorts.requireFree(settings, port);
            ListenWatch listen = new ListenWatch();
            LtSession started = LtSession.start(LibtorrentSettings.of(settings, port),
                    List.of(listen, new AlertDispatch(this)), "archivist-libtorrent-" + port);
            session = started;
            applyLimitsToEveryPeer(started);
            listen.await(LISTEN_WAIT);
            lifecycle.started();
        } catch (Throwable t) { // Errors too: a native that does not load must not pass silently
            lifecycle.failed(t);
            LOG.error("The BitTorrent engine (libtorrent) could not start on {}:{}: {}",
                    settings.bindAddress().getHostAddress(), port, t.toString(), t);
            LtSession partial = session;
            if (partial != null) {
                try {
                    partial.close();
                } catch (Throwable ignored) { // already failing; the first cause is what matters
                    LOG.debug("stopping a half-started session failed", ignored);
                }
            }
            throw new EngineException("the BitTorrent engine could not start on "
                    + settings.bindAddress().getHostAddress() + ":" + port + ": " + t, false, t);
        }
        LOG.info("BitTorrent engine (libtorrent {}) listening on {}:{}, DHT {}, trackers {}, download limit {},"
                + " upload limit {}", LibTorrent.version(), settings.bindAddress().getHostAddress(), port,
                settings.dht() ? "on" : "off", settings.trackers() ? "on" : "off",
                EngineSettings.describeRate(settings.downloadRateLimit()),
                EngineSettings.describeRate(settings.uploadRateLimit()));
    }

    /**
     * libtorrent puts peers on local networks (loopback included) in a peer class without limits; the node's
     * limits are meant for every peer, so every address belongs to the global class.
     */
    private static void applyLimitsToEveryPeer(LtSession session) {
        ip_filter filter = new ip_filter();
        error_code ec = new error_code();
        filter.add_rule(address.from_string("0.0.0.0", ec), address.from_string("255.255.255.255", ec), 1L);
        filter.add_rule(address.from_string("::", ec),
                address.from_string("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ec), 1L);
        session.swig().set_peer_class_filter(filter);
    }

    @Override
    public EngineState state() {
        return lifecycle.state();
    }

    @Override
    public Optional<Throwable> failure() {
        return lifecycle.failure();
    }

    private LtSession running() throws EngineException {
        LtSession s = session;
        if (!lifecycle.isRunning() || s == null) {
            throw lifecycle.notRunning();
        }
        return s;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int connectedPeers() {
        return connectedPeersByTorrent().values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public Map<String, Integer> connectedPeersByTorrent() {
        if (!lifecycle.isRunning()) {
            return Map.of();
        }
        Map<String, Integer> counts = new HashMap<>();
        seeds.forEach((hex, handle) -> countPeers(counts, hex, handle));
        fetches.forEach((hex, fetch) -> countPeers(counts, hex, fetch.handle()));
        return counts;
    }

    private static void countPeers(Map<String, Integer> counts, String hex, TorrentHandle handle) {
        if (handle.isValid()) {
            int peers = handle.status().numPeers();
            if (peers > 0) {
                counts.merge(hex, peers, Integer::sum);
            }
        }
    }

    /** Called with {@code ip:port} of each peer libtorrent bans (corrupt data). */
    public void onBan(Consumer<String> listener) {
        banListeners.add(listener);
    }

    @Override
    public synchronized void seed(Metainfo torrent, Path dataDir) throws EngineException, InterruptedException {
        LtSession s = running();
        String hex = torrent.infoHashHex();
        if (seeds.containsKey(hex)) {
            return;
        }
        if (fetches.containsKey(hex)) {
            throw new EngineException("torrent " + hex + " is being fetched by this node", false);
        }
        Metainfo forEngine = settings.trackers() ? torrent : torrent.withTrackers(List.of());
        TorrentInfo info;
        try {
            info = new TorrentInfo(forEngine.bytes());
        } catch (RuntimeException e) {
            throw new EngineException("libtorrent refuses torrent " + hex + ": " + e.getMessage(), false, e);
        }
        add_torrent_params params = new add_torrent_params();
        params.set_ti(info.swig());
        params.setSave_path(dataDir.toAbsolutePath().toString());
        params.setFlags(active(params.getFlags()));
        TorrentHandle handle = add(s, params, hex);
        Duration deadline = CHECK_DEADLINE_BASE.plusSeconds(torrent.totalLength() / CHECK_BYTES_PER_SECOND);
        TorrentStatus status = awaitChecked(handle, deadline);
        if (!status.isSeeding()) {
            s.swig().remove_torrent(handle.swig());
            throw new EngineException("cannot seed " + torrent.name() + " (" + hex + "): only "
                    + status.pieces().count() + " of " + torrent.pieceCount() + " pieces on disk under " + dataDir
                    + " match the torrent", false);
        }
        seeds.put(hex, handle);
        LOG.info("Seeding {} ({}), {} pieces", torrent.name(), hex, torrent.pieceCount());
    }

    /** Not paused, not queued by libtorrent's auto-management. */
    static torrent_flags_t active(torrent_flags_t flags) {
        return flags.and_(TorrentFlags.AUTO_MANAGED.inv()).and_(TorrentFlags.PAUSED.inv());
    }

    static TorrentHandle add(LtSession s, add_torrent_params params, String hex) throws EngineException {
        awaitRemoved(s, hex);
        error_code ec = new error_code();
        torrent_handle added = s.swig().add_torrent(params, ec);
        if (ec.value() != 0 || !added.is_valid()) {
            throw new EngineException("libtorrent cannot add torrent " + hex + ": " + ec.message(), false);
        }
        return new TorrentHandle(added);
    }

    /**
     * libtorrent removes torrents asynchronously, and adding a torrent it still holds would hand back the handle
     * being removed: a torrent unseeded or whose fetch was closed a moment ago is waited for (up to 10 s).
     */
    private static void awaitRemoved(LtSession s, String hex) throws EngineException {
        org.libtorrent4j.swig.sha1_hash hash = Sha1Hash.parseHex(hex).swig();
        long end = System.nanoTime() + REMOVAL_WAIT.toNanos();
        while (s.swig().find_torrent(hash).is_valid()) {
            if (System.nanoTime() > end) {
                throw new EngineException("torrent " + hex + " is still being removed from libtorrent after "
                        + REMOVAL_WAIT, true);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while torrent " + hex + " was being removed", true, e);
            }
        }
    }

    private static TorrentStatus awaitChecked(TorrentHandle handle, Duration timeout)
            throws EngineException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            TorrentStatus status = handle.status();
            if (status.errorCode() != null && status.errorCode().isError()) {
                throw new EngineException("libtorrent cannot check torrent " + handle.infoHash().toHex() + ": "
                        + status.errorCode().getMessage(), false);
            }
            TorrentStatus.State st = status.state();
            if (status.hasMetadata() && st != TorrentStatus.State.CHECKING_FILES
                    && st != TorrentStatus.State.CHECKING_RESUME_DATA) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new EngineException("libtorrent did not finish checking torrent " + handle.infoHash().toHex()
                + " within " + timeout, true);
    }

    @Override
    public synchronized void unseed(String infoHashHex) {
        TorrentHandle handle = seeds.remove(infoHashHex.toLowerCase(Locale.ROOT));
        LtSession s = session;
        if (handle != null && s != null && lifecycle.isRunning()) {
            s.swig().remove_torrent(handle.swig());
            LOG.info("Stopped seeding {}", infoHashHex);
        }
    }

    @Override
    public boolean isSeeding(String infoHashHex) {
        return seeds.containsKey(infoHashHex.toLowerCase(Locale.ROOT));
    }

    @Override
    public synchronized FetchSession fetch(MagnetLink magnet, Path dataDir) throws EngineException {
        LtSession s = running();
        String hex = magnet.infoHashHex();
        if (seeds.containsKey(hex) || fetches.containsKey(hex)) {
            throw new EngineException("torrent " + hex + " is already being seeded or fetched by this node", false);
        }
        // Without dn, the files go under the info dict's name (status-go reads <dataDir>/<info.name>/index).
        MagnetLink forEngine = (settings.trackers() ? magnet : magnet.withoutTrackers()).withoutDisplayName();
        error_code ec = new error_code();
        add_torrent_params params = org.libtorrent4j.swig.libtorrent.parse_magnet_uri(forEngine.toString(), ec);
        if (ec.value() != 0) {
            throw new EngineException("libtorrent refuses magnet " + magnet + ": " + ec.message(), false);
        }
        params.setSave_path(dataDir.toAbsolutePath().toString());
        // upload mode: the metadata is fetched, but no piece until pieces are asked for (awaitPieces)
        params.setFlags(active(params.getFlags()).or_(TorrentFlags.UPLOAD_MODE));
        TorrentHandle handle = add(s, params, hex);
        LibtorrentFetchSession fetch = new LibtorrentFetchSession(this, handle, hex, settings.stallTimeout(),
                forEngine.peers());
        fetches.put(hex, fetch);
        connect(handle, forEngine.peers()); // at once: libtorrent dials a magnet's x.pe peers only on a later tick
        return fetch;
    }

    /** Dials peers again ({@code host:port}, IPv6 in brackets); libtorrent ignores peers it is connected to. */
    public void redial(String infoHashHex, List<String> peers) {
        LibtorrentFetchSession fetch = fetches.get(infoHashHex.toLowerCase(Locale.ROOT));
        TorrentHandle handle = fetch != null ? fetch.handle() : seeds.get(infoHashHex.toLowerCase(Locale.ROOT));
        if (handle != null) {
            connect(handle, peers);
        }
    }

    static void connect(TorrentHandle handle, List<String> peers) {
        for (String peer : peers) {
            int colon = peer.lastIndexOf(':');
            String host = peer.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            error_code ec = new error_code();
            address a = address.from_string(host, ec);
            if (ec.value() != 0) {
                try {
                    a = address.from_string(java.net.InetAddress.getByName(host).getHostAddress(), ec);
                } catch (IOException e) {
                    LOG.debug("cannot resolve peer {}: {}", peer, e.getMessage());
                    continue;
                }
            }
            try {
                handle.swig().connect_peer(new tcp_endpoint(a, Integer.parseInt(peer.substring(colon + 1))));
            } catch (RuntimeException e) {
                LOG.debug("cannot dial {}: {}", peer, e.getMessage());
            }
        }
    }

    void fetchClosed(String hex, LibtorrentFetchSession fetch) {
        if (fetches.remove(hex, fetch)) {
            LtSession s = session;
            if (s != null && lifecycle.isRunning() && fetch.handle().isValid()) {
                s.swig().remove_torrent(fetch.handle().swig()); // files stay
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!lifecycle.close()) { // closed already, or never ran: nothing to stop
            return;
        }
        for (LibtorrentFetchSession fetch : List.copyOf(fetches.values())) {
            fetch.closeQuietly();
        }
        fetches.clear();
        seeds.clear();
        session.close();
        LOG.info("BitTorrent engine (libtorrent) on port {} stopped", port);
    }

    LibtorrentFetchSession fetchOf(String hex) {
        return fetches.get(hex);
    }

    void banned(String hex, String peer) {
        LOG.info("Torrent {}: banned peer {} (corrupt data)", hex, peer);
        banListeners.forEach(l -> l.accept(peer));
    }
}
