package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.host.reference.internal.CommunitySettings;
import org.archivist.host.reference.internal.GroupKey;
import org.archivist.host.reference.internal.LoopbackSocketTransport;
import org.archivist.host.reference.internal.ReferenceHost;
import org.archivist.storage.bittorrent.internal.BitTorrentBackend;
import org.archivist.storage.bittorrent.internal.BitTorrentSettings;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.bt.BtEngine;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.internal.CodexBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An owner and a member, each with its own reference host, data directories, ports and scheduler on the
 * real clock, exchange a month of history: announced over loopback sockets, fetched over real BitTorrent
 * on loopback (encrypted community) and over Codex through two emulated nodes (plain community).
 */
class OwnerMemberEndToEndTest {
    static final long HOUR = 3600;
    static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    final byte[] key = TestNode.newKey();
    final CommunityId id = TestNode.idOf(key);
    final GroupKey groupKey = new GroupKey(1_700_000_000_000L, HexFormat.of().parseHex("5a".repeat(32)));
    final List<AutoCloseable> resources = new ArrayList<>();

    /** One node: reference host, storage backends, and the scheduler on a small real pool. */
    final class Node implements AutoCloseable {
        final Path root;
        final ReferenceHost host;
        final LoopbackSocketTransport transport;
        final BackendRegistry backends = new BackendRegistry();
        final List<ArchiveEvent> events = new CopyOnWriteArrayList<>();
        final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2);
        ArchiveScheduler scheduler;
        CoreArchiveProgressStore states;
        AutoCloseable subscription;

        Node(String name, List<String> peers) throws Exception {
            root = dir.resolve(name);
            transport = new LoopbackSocketTransport(0, peers);
            host = new ReferenceHost(root.resolve("host"), name, transport);
        }

        void start() {
            states = new CoreArchiveProgressStore(root.resolve("scheduler").resolve("state"));
            scheduler = new ArchiveScheduler(new SchedulerContext(new PoolTaskScheduler(pool, Clock.systemUTC()),
                    host.store(), host.directory(), host.channel(), host.importer(), backends,
                    new CoreArchiveFormat(host.store(), Optional.of(host.cipher())), states,
                    new DownloadedArchives(root.resolve("scheduler")), events::add, Duration.ofSeconds(1),
                    Duration.ofSeconds(8)));
            subscription = host.channel().subscribe(scheduler);
        }

        @Override
        public void close() throws Exception {
            if (subscription != null) {
                subscription.close();
                scheduler.close();
            }
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            host.close();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    /** A month of history on two chats, a message every 3 hours, ending an hour ago. */
    List<ArchivedMessage> monthOfHistory(Node owner) throws Exception {
        long now = Instant.now().getEpochSecond();
        List<ContentTopic> topics = List.of(CommunitySettings.chatTopic(id, "general"),
                CommunitySettings.chatTopic(id, "random"));
        List<ArchivedMessage> history = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            byte[] hash = new byte[32];
            TestNode.RANDOM.nextBytes(hash);
            long t = now - 30 * 24 * HOUR + i * 3 * HOUR - HOUR;
            history.add(new ArchivedMessage(new byte[65], t, topics.get(i % 2),
                    ("message " + i + " of the month").getBytes(StandardCharsets.UTF_8), new byte[0], hash, ""));
        }
        owner.host.store().add(id, history);
        return history;
    }

    static Set<String> hashes(List<ArchivedMessage> ms) {
        return ms.stream().map(ArchivedMessage::hashHex).collect(Collectors.toSet());
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    void exchange(Node owner, Node member, String backend, LinkKind kind, boolean encrypted) throws Exception {
        owner.host.directory().put(new CommunitySettings(id, Optional.of(key), TestNode.topics(id), encrypted, true,
                true, encrypted ? List.of(groupKey) : List.of()));
        member.host.directory().put(new CommunitySettings(id, Optional.empty(), TestNode.topics(id), encrypted, false,
                true, encrypted ? List.of(groupKey) : List.of()));
        List<ArchivedMessage> history = monthOfHistory(owner);
        owner.start();
        member.start();
        ArchiveSettings base = ArchiveSettings.defaults(id).withImportRate(100_000);
        member.scheduler.configure(base.withDistribution(Set.of(backend)));
        owner.scheduler.configure(base.withBackends(ArchiveSettings.parseBackends(backend)));

        await("the owner's archives", () -> owner.events.stream().anyMatch(e -> e.type() == ArchiveEvent.Type.CREATED));
        await("the member's import", () -> member.events.stream().anyMatch(e -> e.type() == ArchiveEvent.Type.FINISHED));

        assertEquals(hashes(history), member.host.store().hashes(id), "exactly the owner's messages");
        assertEquals(history.size(), member.host.importer().received(), "each handed over once");
        int archives = member.states.open(id).archiveCount();
        assertTrue(archives >= 4, "a month in 7-day partitions gives 5 archives, got " + archives);
        assertEquals(archives, member.states.open(id).importedCount());
        assertEquals(owner.backends.get(backend).orElseThrow().currentLink(id),
                member.states.open(id).lastLink(kind));
    }

    @Test
    void aMonthOverBitTorrentOnLoopbackEncrypted() throws Exception {
        Node member = keep(new Node("member", List.of()));
        Node owner = keep(new Node("owner", List.of("127.0.0.1:" + member.transport.localPort())));
        BitTorrentBackend ownerBt = keep(bittorrent(owner, List.of(), owner.host));
        BitTorrentBackend memberBt = keep(bittorrent(member, List.of("127.0.0.1:" + ownerBt.port()), member.host));
        owner.backends.add(StorageBackend.BITTORRENT, ownerBt);
        member.backends.add(StorageBackend.BITTORRENT, memberBt);
        exchange(owner, member, StorageBackend.BITTORRENT, org.archivist.core.link.MagnetLinkFormat.KIND, true);
    }

    @Test
    void aMonthOverCodexThroughTheEmulator() throws Exception {
        CodexEmulator ownerNode = keep(CodexEmulator.start(EmulatorConfig.builder().build()));
        CodexEmulator memberNode = keep(CodexEmulator.start(EmulatorConfig.builder().peer(ownerNode.baseUri())
                .build()));
        Node member = keep(new Node("member", List.of()));
        Node owner = keep(new Node("owner", List.of("127.0.0.1:" + member.transport.localPort())));
        owner.backends.add(StorageBackend.CODEX, codex(owner, ownerNode.baseUri()));
        member.backends.add(StorageBackend.CODEX, codex(member, memberNode.baseUri()));
        exchange(owner, member, StorageBackend.CODEX, org.archivist.core.link.IndexCidLinkFormat.KIND, false);
    }

    BitTorrentBackend bittorrent(Node node, List<String> peerHints, ReferenceHost host) throws Exception {
        BitTorrentSettings settings = new BitTorrentSettings(node.root.resolve("archivedata"),
                node.root.resolve("torrents"), Metainfo.STATUS_TRACKERS, "0x04" + "00".repeat(64),
                Duration.ofSeconds(30), peerHints, true);
        BitTorrentBackend backend = new BitTorrentBackend(settings, new BtEngine(EngineSettings.loopback()),
                Optional.of(host.cipher()), Clock.systemUTC());
        backend.resumeSeeding();
        return backend;
    }

    CodexBackend codex(Node node, URI api) throws Exception {
        CodexClient client = keep(CodexClient.create(CodexClientConfig.builder(api).build()));
        return new CodexBackend(client, node.root.resolve("codex-state"), Duration.ofDays(7), Clock.systemUTC());
    }
}
