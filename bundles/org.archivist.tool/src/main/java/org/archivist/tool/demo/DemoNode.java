package org.archivist.tool.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.archivist.api.service.ArchiveEventListener;
import org.archivist.api.storage.StorageBackend;
import org.archivist.host.reference.internal.LoopbackSocketTransport;
import org.archivist.host.reference.internal.ReferenceHost;
import org.archivist.scheduler.internal.ArchiveScheduler;
import org.archivist.scheduler.internal.BackendRegistry;
import org.archivist.scheduler.internal.CoreArchiveFormat;
import org.archivist.scheduler.internal.CoreArchiveProgressStore;
import org.archivist.scheduler.internal.DownloadedArchives;
import org.archivist.scheduler.internal.PoolTaskScheduler;
import org.archivist.scheduler.internal.SchedulerContext;
import org.archivist.storage.bittorrent.internal.BitTorrentBackend;
import org.archivist.storage.bittorrent.internal.BitTorrentSettings;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.bt.BtEngine;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.internal.CodexBackend;

/**
 * One embedded Archivist node in plain Java, as a Karaf instance would wire it with Declarative Services:
 * a reference host (message store, directory, loopback announcement channel, importer, cipher), the
 * storage backends it uses, and the scheduler on a small pool with the real clock. Files under one root.
 */
final class DemoNode implements AutoCloseable {
    final String name;
    final Path root;
    final LoopbackSocketTransport transport;
    final ReferenceHost host;
    final BackendRegistry backends = new BackendRegistry();
    final CoreArchiveProgressStore states;
    private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });
    private final List<AutoCloseable> resources = new ArrayList<>();
    private ArchiveScheduler scheduler;
    private AutoCloseable subscription;

    DemoNode(String name, Path root, List<String> channelPeers) throws Exception {
        this.name = name;
        this.root = root;
        this.transport = new LoopbackSocketTransport(0, channelPeers);
        this.host = new ReferenceHost(root.resolve("host"), name, transport);
        this.states = new CoreArchiveProgressStore(root.resolve("scheduler").resolve("state"));
    }

    /** A BitTorrent backend on 127.0.0.1 (no DHT, no trackers), fetching from the given peers. */
    BitTorrentBackend addBitTorrent(List<String> peerHints) throws Exception {
        BitTorrentSettings settings = new BitTorrentSettings(root.resolve("archivedata"), root.resolve("torrents"),
                Metainfo.STATUS_TRACKERS, "0x04" + "00".repeat(64), Duration.ofSeconds(30), peerHints, true);
        BitTorrentBackend backend = new BitTorrentBackend(settings, new BtEngine(EngineSettings.loopback()),
                Optional.of(host.cipher()), Clock.systemUTC());
        backend.resumeSeeding();
        resources.add(backend);
        backends.add(StorageBackend.BITTORRENT, backend);
        return backend;
    }

    /** A Codex backend talking to the node at {@code api}. */
    StorageBackend addCodex(URI api) throws Exception {
        CodexClient client = CodexClient.create(CodexClientConfig.builder(api).build());
        resources.add(client);
        CodexBackend backend = new CodexBackend(client, root.resolve("codex-state"), Duration.ofDays(7),
                Clock.systemUTC());
        backends.add(StorageBackend.CODEX, backend);
        return backend;
    }

    ArchiveScheduler start(ArchiveEventListener events) {
        scheduler = new ArchiveScheduler(new SchedulerContext(new PoolTaskScheduler(pool, Clock.systemUTC()),
                host.store(), host.directory(), host.channel(), host.importer(), backends,
                new CoreArchiveFormat(host.store(), Optional.of(host.cipher())), states,
                new DownloadedArchives(root.resolve("scheduler")), events, Duration.ofSeconds(2),
                Duration.ofSeconds(20)));
        subscription = host.channel().subscribe(scheduler);
        return scheduler;
    }

    int channelPort() {
        return transport.localPort();
    }

    @Override
    public void close() throws Exception {
        if (subscription != null) {
            subscription.close();
            scheduler.close();
        }
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }
        host.close();
    }
}
