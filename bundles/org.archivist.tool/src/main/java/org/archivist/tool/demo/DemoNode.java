package org.archivist.tool.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.service.ArchiveEventListener;
import org.archivist.api.storage.StorageBackend;
import org.archivist.content.DescriptionServices;
import org.archivist.content.FileServices;
import org.archivist.host.reference.HostContent;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.scheduler.node.SchedulerNode;
import org.archivist.storage.bittorrent.BitTorrentBackends;
import org.archivist.storage.bittorrent.BitTorrentBackends.EmbeddedBitTorrent;
import org.archivist.storage.bittorrent.content.BitTorrentBlobStores;
import org.archivist.storage.codex.CodexBackends;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.content.CodexBlobStores;

/**
 * One embedded Archivist node in plain Java, built only through the bundles' exported entry points
 * ({@link ReferenceNode}, {@link BitTorrentBackends}, {@link CodexBackends}, {@link SchedulerNode}): a
 * reference host on a loopback announcement channel, the storage backends it uses, and the scheduler on a
 * small pool with the real clock. Files under one root.
 */
final class DemoNode implements AutoCloseable {
    final String name;
    final Path root;
    final ReferenceNode host;
    private final Map<String, StorageBackend> backends = new LinkedHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private SchedulerNode scheduler;

    DemoNode(String name, Path root, List<String> channelPeers) throws Exception {
        this.name = name;
        this.root = root;
        this.host = ReferenceNode.loopback(root.resolve("host"), name, channelPeers);
    }

    /** A BitTorrent backend on 127.0.0.1 (no DHT, no trackers), fetching from the given peers. */
    EmbeddedBitTorrent addBitTorrent(List<String> peerHints) throws Exception {
        EmbeddedBitTorrent bt = BitTorrentBackends.embedded(root).peers(peerHints).cipher(host.cipher()).start();
        resources.add(bt);
        backends.put(StorageBackend.BITTORRENT, bt.backend());
        return bt;
    }

    /** A Codex backend talking to the node at {@code api}. */
    StorageBackend addCodex(URI api) throws Exception {
        CodexBackends.ConnectedCodex codex = CodexBackends.connect(api, root.resolve("codex-state"));
        resources.add(codex);
        backends.put(StorageBackend.CODEX, codex.backend());
        return codex.backend();
    }

    /**
     * The host's file and description paths on Archivist's file and description services ({@code FileServices},
     * {@code DescriptionServices}): blob stores on an embedded BitTorrent engine of their own and/or the Codex node
     * at {@code codexApi}; files and descriptions sent from this node are published on each of them.
     */
    HostContent startContent(boolean bittorrent, URI codexApi) throws Exception {
        FileServices.Builder files = FileServices.builder(root.resolve("files")).host(host.cipher(), host.directory())
                .fetchRetries(4, Duration.ofMillis(500));
        List<String> types = new ArrayList<>();
        if (bittorrent) {
            BitTorrentBlobStores.EmbeddedBlobStore bt = BitTorrentBlobStores.embedded(root.resolve("blobs-bittorrent"))
                    .start();
            resources.add(bt);
            files.store(StorageBackend.BITTORRENT, bt.store());
            types.add(StorageBackend.BITTORRENT);
        }
        if (codexApi != null) {
            CodexBlobStores.ConnectedBlobStore codex = CodexBlobStores.connect(CodexClientConfig.builder(codexApi)
                    .build(), root.resolve("blobs-codex"));
            resources.add(codex);
            files.store(StorageBackend.CODEX, codex.store());
            types.add(StorageBackend.CODEX);
        }
        FileServices.RunningFileService fileService = files.start();
        resources.add(fileService);
        DescriptionServices.RunningDescriptionService descriptions = DescriptionServices.builder(
                fileService.service(), host.channel(), root.resolve("descriptions"))
                .retries(Duration.ofMillis(500), Duration.ofSeconds(5)).storageTypes(types).start();
        resources.add(descriptions);
        HostContent content = host.content(fileService.service(), descriptions.service(), types);
        descriptions.addListener(content.descriptionListener());
        return content;
    }

    Optional<StorageBackend> backend(String type) {
        return Optional.ofNullable(backends.get(type));
    }

    SchedulerNode start(ArchiveEventListener events) throws Exception {
        SchedulerNode.Builder b = SchedulerNode.builder(host.store(), host.directory(), host.channel(),
                host.importer()).cipher(host.cipher()).directory(root.resolve("scheduler")).events(events)
                .retry(Duration.ofSeconds(2), Duration.ofSeconds(20));
        backends.forEach(b::backend);
        scheduler = b.start();
        return scheduler;
    }

    /** The started scheduler. */
    SchedulerNode scheduler() {
        return scheduler;
    }

    int channelPort() {
        return host.channelPort();
    }

    @Override
    public void close() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
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
