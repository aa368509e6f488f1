package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.archivist.scheduler.e2e.E2e.await;
import static org.archivist.scheduler.e2e.E2e.hashes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.host.reference.ReferenceNode.GroupKeyMaterial;
import org.archivist.scheduler.node.SchedulerNode;
import org.archivist.storage.bittorrent.BitTorrentBackends;
import org.archivist.storage.bittorrent.BitTorrentBackends.EmbeddedBitTorrent;
import org.archivist.storage.codex.CodexBackends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An owner and a member, each with its own reference host, data directories, ports and scheduler on the
 * real clock, exchange a month of history: announced over loopback sockets, fetched over real BitTorrent
 * on loopback (encrypted community) and over Codex through two emulated nodes (plain community). Every node
 * is built only through the bundles' exported entry points, as a tool or another bundle would build it.
 */
class OwnerMemberEndToEndTest {
    static final long HOUR = 3600;

    @TempDir
    Path dir;
    final byte[] key = ReferenceNode.newCommunityKey(TestNode.RANDOM);
    final CommunityId id = ReferenceNode.communityIdOf(key);
    final GroupKeyMaterial groupKey = new GroupKeyMaterial(1_700_000_000_000L,
            HexFormat.of().parseHex("5a".repeat(32)));
    final List<AutoCloseable> resources = new ArrayList<>();

    /** One node: reference host, storage backends, and the scheduler on a small real pool. */
    final class Node implements AutoCloseable {
        final Path root;
        final ReferenceNode host;
        final Map<String, StorageBackend> backends = new LinkedHashMap<>();
        final List<ArchiveEvent> events = new CopyOnWriteArrayList<>();
        SchedulerNode scheduler;

        Node(String name, List<String> peers) throws Exception {
            root = dir.resolve(name);
            host = ReferenceNode.loopback(root.resolve("host"), name, peers);
        }

        void start() throws Exception {
            SchedulerNode.Builder b = SchedulerNode.builder(host.store(), host.directory(), host.channel(),
                    host.importer()).cipher(host.cipher()).directory(root.resolve("scheduler")).events(events::add)
                    .retry(Duration.ofSeconds(1), Duration.ofSeconds(8));
            backends.forEach(b::backend);
            scheduler = b.start();
        }

        @Override
        public void close() throws Exception {
            if (scheduler != null) {
                scheduler.close();
            }
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
        List<ContentTopic> topics = List.of(ReferenceNode.chatTopic(id, "general"),
                ReferenceNode.chatTopic(id, "random"));
        List<ArchivedMessage> history = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            byte[] hash = new byte[32];
            TestNode.RANDOM.nextBytes(hash);
            long t = now - 30 * 24 * HOUR + i * 3 * HOUR - HOUR;
            history.add(new ArchivedMessage(new byte[65], t, topics.get(i % 2),
                    ("message " + i + " of the month").getBytes(StandardCharsets.UTF_8), new byte[0], hash, ""));
        }
        owner.host.addMessages(id, history);
        return history;
    }

    void exchange(Node owner, Node member, String backend, boolean encrypted) throws Exception {
        List<ContentTopic> topics = ReferenceNode.topicsOf(id, "general", "random");
        owner.host.own(key, topics, encrypted ? groupKey : null);
        member.host.join(id, topics, encrypted ? groupKey : null);
        List<ArchivedMessage> history = monthOfHistory(owner);
        owner.start();
        member.start();
        member.scheduler.configure(id, StorageBackend.BITTORRENT, backend, 100_000);
        owner.scheduler.configure(id, backend, "", 100_000);

        await("the owner's archives", () -> owner.events.stream().anyMatch(e -> e.type() == ArchiveEvent.Type.CREATED));
        await("the member's import", () -> member.events.stream().anyMatch(e -> e.type() == ArchiveEvent.Type.FINISHED));

        assertEquals(hashes(history), member.host.messageHashes(id), "exactly the owner's messages");
        assertEquals(history.size(), member.host.importedMessages(), "each handed over once");
        CommunityArchiveStatus status = member.scheduler.community(id).orElseThrow();
        assertTrue(status.archives() >= 4, "a month in 7-day partitions gives 5 archives, got " + status.archives());
        assertEquals(status.archives(), status.imported());
        String link = owner.backends.get(backend).currentLink(id).orElseThrow();
        assertTrue(status.links().contains(link), "the member saw the owner's link " + link + ": " + status.links());
    }

    @Test
    void aMonthOverBitTorrentOnLoopbackEncrypted() throws Exception {
        Node member = keep(new Node("member", List.of()));
        Node owner = keep(new Node("owner", List.of("127.0.0.1:" + member.host.channelPort())));
        EmbeddedBitTorrent ownerBt = keep(BitTorrentBackends.embedded(owner.root).cipher(owner.host.cipher()).start());
        EmbeddedBitTorrent memberBt = keep(BitTorrentBackends.embedded(member.root).cipher(member.host.cipher())
                .peers(List.of("127.0.0.1:" + ownerBt.port())).start());
        owner.backends.put(StorageBackend.BITTORRENT, ownerBt.backend());
        member.backends.put(StorageBackend.BITTORRENT, memberBt.backend());
        exchange(owner, member, StorageBackend.BITTORRENT, true);
    }

    @Test
    void aMonthOverCodexThroughTheEmulator() throws Exception {
        CodexEmulator ownerNode = keep(CodexEmulator.start(EmulatorConfig.builder().build()));
        CodexEmulator memberNode = keep(CodexEmulator.start(EmulatorConfig.builder().peer(ownerNode.baseUri())
                .build()));
        Node member = keep(new Node("member", List.of()));
        Node owner = keep(new Node("owner", List.of("127.0.0.1:" + member.host.channelPort())));
        owner.backends.put(StorageBackend.CODEX, codex(owner, ownerNode.baseUri()));
        member.backends.put(StorageBackend.CODEX, codex(member, memberNode.baseUri()));
        exchange(owner, member, StorageBackend.CODEX, false);
    }

    StorageBackend codex(Node node, URI api) throws Exception {
        return keep(CodexBackends.connect(api, node.root.resolve("codex-state"))).backend();
    }
}
