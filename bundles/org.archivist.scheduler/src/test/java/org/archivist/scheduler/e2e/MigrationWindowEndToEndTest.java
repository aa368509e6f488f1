package org.archivist.scheduler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.archivist.scheduler.e2e.E2e.await;
import static org.archivist.scheduler.e2e.E2e.hashes;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StoredArchiveReader;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.host.reference.ReferenceNode.GroupKeyMaterial;
import org.archivist.migration.ArchiveSources;
import org.archivist.migration.MigrationProgress;
import org.archivist.migration.MigrationReport;
import org.archivist.migration.Migrator;
import org.archivist.scheduler.node.SchedulerNode;
import org.archivist.storage.bittorrent.BitTorrentBackends;
import org.archivist.storage.bittorrent.BitTorrentBackends.EmbeddedBitTorrent;
import org.archivist.storage.codex.CodexBackends;
import org.archivist.storage.codex.CodexBackends.ConnectedCodex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration window of issue 10, end to end on the real clock, every node built through the exported entry
 * points only: one owner goes {@code bittorrent} -> migrate -> {@code both} (with a restart of its scheduler and
 * Codex backend) -> {@code codex}. Three members: the previous version (magnet links only, BitTorrent only),
 * the next version (CID indexes only, Codex only) and one following {@code any} link with both backends. The
 * first ends with everything archived while BitTorrent was announced, the other two with the whole history;
 * each imports every message exactly once, and the {@code any} member never fetches from Codex an archive it
 * already holds from BitTorrent. The community is encrypted: migrated archives are the same ciphertext (skipped
 * before download by their Codex content key), archives published on both links are sealed twice (the second
 * copy is recognised after download by its plain bytes and not imported).
 */
class MigrationWindowEndToEndTest {
    static final long HOUR = 3600;
    static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    final byte[] key = ReferenceNode.newCommunityKey(RANDOM);
    final CommunityId id = ReferenceNode.communityIdOf(key);
    final List<ContentTopic> topics = ReferenceNode.topicsOf(id, "general", "random");
    final Resources resources = new Resources();
    /** An encrypted community: the owner seals each backend's copy of an archive anew. */
    final GroupKeyMaterial groupKey = new GroupKeyMaterial(1_700_000_000_000L, HexFormat.of().parseHex("6b".repeat(32)));

    /** One node: a reference host, its backends, and a scheduler that can be restarted on the same directories. */
    final class Node extends E2eNode {
        final Map<String, StorageBackend> backends = new LinkedHashMap<>();

        Node(String name, List<String> peers) throws Exception {
            super(dir.resolve(name), name, peers);
        }

        void start() throws Exception {
            SchedulerNode.Builder b = schedulerBuilder(Duration.ofSeconds(4));
            backends.forEach(b::backend);
            scheduler = b.start();
        }
    }

    @AfterEach
    void close() throws Exception {
        resources.close();
    }

    <T extends AutoCloseable> T keep(T resource) {
        return resources.keep(resource);
    }

    List<ArchivedMessage> messages(int count, long firstSecond, long step, String label) {
        return E2e.messages(topics, count, firstSecond, step, E2e.labelled(label));
    }

    /** Messages stamped in the last seconds, after waiting so that they fall after the previous run's end. */
    List<ArchivedMessage> recentMessages(Node owner, int count, String label) throws Exception {
        Thread.sleep(2100);
        long now = Instant.now().getEpochSecond();
        List<ArchivedMessage> ms = messages(count, now - 1, 0, label);
        owner.host.addMessages(id, ms);
        Thread.sleep(1100);
        return ms;
    }

    void awaitHistory(String who, Node member, List<ArchivedMessage> history) throws InterruptedException {
        Set<String> want = hashes(history);
        await(who + " holding " + want.size() + " messages", () -> member.host.messageHashes(id).equals(want));
    }

    StorageBackend codex(Node node, URI api) throws Exception {
        return keep(CodexBackends.connect(api, node.root.resolve("codex-state"))).backend();
    }

    @Test
    void anOwnerMovesToCodexAndEveryVersionOfMemberGetsItsHistoryOnce() throws Exception {
        CodexEmulator ownerCodexNode = keep(CodexEmulator.start(EmulatorConfig.builder().build()));
        CodexEmulator nextCodexNode = keep(CodexEmulator.start(EmulatorConfig.builder()
                .peer(ownerCodexNode.baseUri()).build()));
        CodexEmulator anyCodexNode = keep(CodexEmulator.start(EmulatorConfig.builder()
                .peer(ownerCodexNode.baseUri()).build()));
        Node previous = keep(new Node("previous", List.of()));
        Node next = keep(new Node("next", List.of()));
        Node any = keep(new Node("any", List.of()));
        Node owner = keep(new Node("owner", List.of("127.0.0.1:" + previous.host.channelPort(),
                "127.0.0.1:" + next.host.channelPort(), "127.0.0.1:" + any.host.channelPort())));

        EmbeddedBitTorrent ownerBt = keep(BitTorrentBackends.embedded(owner.root).cipher(owner.host.cipher()).start());
        List<String> seed = List.of("127.0.0.1:" + ownerBt.port());
        previous.backends.put(StorageBackend.BITTORRENT, keep(BitTorrentBackends.embedded(previous.root)
                .cipher(previous.host.cipher()).peers(seed).start()).backend());
        any.backends.put(StorageBackend.BITTORRENT, keep(BitTorrentBackends.embedded(any.root)
                .cipher(any.host.cipher()).peers(seed).start()).backend());
        next.backends.put(StorageBackend.CODEX, codex(next, nextCodexNode.baseUri()));
        any.backends.put(StorageBackend.CODEX, codex(any, anyCodexNode.baseUri()));
        owner.backends.put(StorageBackend.BITTORRENT, ownerBt.backend());
        ConnectedCodex ownerCodex = CodexBackends.connect(ownerCodexNode.baseUri(), owner.root.resolve("codex-state"));
        owner.backends.put(StorageBackend.CODEX, ownerCodex.backend());

        owner.host.own(key, topics, groupKey);
        for (Node m : List.of(previous, next, any)) {
            m.host.join(id, topics, groupKey);
            m.start();
        }
        previous.scheduler.configure(id, StorageBackend.BITTORRENT, StorageBackend.BITTORRENT, 100_000);
        next.scheduler.configure(id, StorageBackend.CODEX, StorageBackend.CODEX, 100_000);
        any.scheduler.configure(id, "both", "any", 100_000);

        // 1. BitTorrent only: a month of history
        long now = Instant.now().getEpochSecond();
        List<ArchivedMessage> history = new ArrayList<>(messages(120, now - 30 * 24 * HOUR, 6 * HOUR, "month"));
        owner.host.addMessages(id, history);
        owner.start();
        owner.scheduler.configure(id, StorageBackend.BITTORRENT, "", 100_000);
        awaitHistory("the previous-version member", previous, history);
        awaitHistory("the any member", any, history);

        // 2. migrate the BitTorrent set to Codex, scheduler stopped
        owner.stopScheduler();
        StorageBackend bt = ownerBt.backend();
        MigrationReport report = new Migrator(owner.root.resolve("migration"), Optional.of(owner.host.cipher()))
                .migrate(id, ArchiveSources.of(StorageBackend.BITTORRENT, bt, (StoredArchiveReader) bt, id),
                        StorageBackend.CODEX, ownerCodex.backend(), false, MigrationProgress.NONE);
        assertTrue(report.complete(), report.summary());
        long anyBytesBeforeCodex = anyCodexNode.usedBytes();

        // 3. both, after a restart of the owner's scheduler and Codex backend on the same directories
        ownerCodex.close();
        ownerCodex = keep(CodexBackends.connect(ownerCodexNode.baseUri(), owner.root.resolve("codex-state")));
        owner.backends.put(StorageBackend.CODEX, ownerCodex.backend());
        owner.start();
        owner.scheduler.configure(id, "both", "", 100_000);
        awaitHistory("the next-version member (migrated set)", next, history);
        String migratedLink = ownerCodex.backend().currentLink(id).orElseThrow();
        await("the any member's look at the Codex index", () -> any.scheduler.community(id).orElseThrow().links()
                .contains(migratedLink));
        assertTrue(anyCodexNode.usedBytes() - anyBytesBeforeCodex < 2 * 65536, "the any member fetched only the"
                + " index and manifests from Codex, no archive it held from BitTorrent: "
                + (anyCodexNode.usedBytes() - anyBytesBeforeCodex) + " bytes");

        List<ArchivedMessage> duringBoth = recentMessages(owner, 6, "both");
        history.addAll(duringBoth);
        owner.scheduler.archiveNow(id);
        awaitHistory("the previous-version member", previous, history);
        awaitHistory("the next-version member", next, history);
        awaitHistory("the any member", any, history);
        List<ArchivedMessage> whileBitTorrent = new ArrayList<>(history);

        // 4. Codex only: BitTorrent dropped by configuration
        owner.scheduler.configure(id, StorageBackend.CODEX, "", 100_000);
        List<ArchivedMessage> afterDrop = recentMessages(owner, 4, "codex");
        history.addAll(afterDrop);
        owner.scheduler.archiveNow(id);
        awaitHistory("the next-version member", next, history);
        awaitHistory("the any member", any, history);
        Thread.sleep(1000);

        assertEquals(hashes(whileBitTorrent), previous.host.messageHashes(id),
                "the previous version has everything archived while magnet links were announced");
        assertEquals(whileBitTorrent.size(), previous.host.importedMessages(), "each once");
        assertEquals(history.size(), next.host.importedMessages(), "the next version imported each message once");
        assertEquals(history.size(), any.host.importedMessages(),
                "the any member imported each message once although it followed both links");
    }
}
