package org.archivist.scheduler.e2e;

import static org.archivist.scheduler.e2e.E2e.await;
import static org.archivist.scheduler.e2e.E2e.count;
import static org.archivist.scheduler.e2e.E2e.hashes;
import static org.archivist.scheduler.e2e.E2e.summaries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileMetadata;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.ArchiveSummary.Availability;
import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.ReleasableCopy.Kind;
import org.archivist.api.service.ReleasePolicy;
import org.archivist.api.service.StorageUsage;
import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.content.FileServices;
import org.archivist.content.FileServices.RunningFileService;
import org.archivist.core.format.PieceLayout;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.storage.bittorrent.BitTorrentBackends;
import org.archivist.storage.bittorrent.BitTorrentBackends.EmbeddedBitTorrent;
import org.archivist.storage.codex.CodexBackends;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.content.CodexBlobStores;
import org.archivist.storage.codex.content.CodexBlobStores.ConnectedBlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's node-wide storage limit and release policy end to end, every node built through exported entry points:
 * an owner runs two communities on BitTorrent and shares a file over Codex; a member (release policy
 * {@code files-then-archives}) imports the first community's six weeks of history and fetches the file, then, under a
 * limit that leaves no room for the second community, joins it: the file is released first, then the first
 * community's imported archive set, and the second community's history arrives within the limit. The first
 * community's messages stay imported, the owner's sets are never releasable, the owner still serves what the member
 * released.
 */
class StorageReleaseEndToEndTest {
    static final long HOUR = 3600;
    static final long DAY = 24 * HOUR;
    static final SecureRandom RANDOM = new SecureRandom();
    static final long RECORD_BYTES = 16 * 1024;
    static final int FILE_BYTES = 1 << 20;

    @TempDir
    Path dir;
    final Resources resources = new Resources();
    final List<ReleasableCopy> released = new CopyOnWriteArrayList<>();

    final class Node extends E2eNode {
        Node(String name, List<String> peers) throws Exception {
            super(dir.resolve(name), name, peers);
        }

        StorageUsage usage() {
            return scheduler.storageUsage().orElseThrow();
        }
    }

    @AfterEach
    void close() throws Exception {
        resources.close();
    }

    <T extends AutoCloseable> T keep(T resource) {
        return resources.keep(resource);
    }

    static List<ArchivedMessage> history(List<ContentTopic> topics, int weeks, long now) {
        // a 16 KB message every 3 hours
        return E2e.messages(topics, weeks * 56, now - weeks * 7 * DAY, 3 * HOUR, E2e.randomPayloads(16 * 1024));
    }

    static CodexClientConfig codex(CodexEmulator node) {
        return CodexClientConfig.builder(node.baseUri()).maxAttempts(2).backoff(Duration.ofMillis(10),
                Duration.ofMillis(50)).build();
    }

    @Test
    void aMemberAtItsLimitReleasesTheFetchedFileThenAnImportedSetAndTheNewHistoryFits() throws Exception {
        Node member = keep(new Node("member", List.of()));
        Node owner = keep(new Node("owner", List.of("127.0.0.1:" + member.host.channelPort())));
        EmbeddedBitTorrent ownerBt = keep(BitTorrentBackends.embedded(owner.root.resolve("bt"))
                .cipher(owner.host.cipher()).start());
        EmbeddedBitTorrent memberBt = keep(BitTorrentBackends.embedded(member.root.resolve("bt"))
                .cipher(member.host.cipher()).peers(List.of("127.0.0.1:" + ownerBt.port())).start());
        CodexEmulator ownerNode = keep(CodexEmulator.start(EmulatorConfig.builder()
                .maintenanceInterval(Duration.ZERO).build()));
        CodexEmulator memberNode = keep(CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                .blockRetries(2).retryDelay(Duration.ofMillis(10)).peer(ownerNode.baseUri()).build()));
        ConnectedBlobStore ownerCodex = keep(CodexBlobStores.connect(codex(ownerNode), owner.root.resolve("codex")));
        ConnectedBlobStore memberCodex = keep(CodexBlobStores.connect(codex(memberNode), member.root.resolve("codex")));

        byte[] oldKey = ReferenceNode.newCommunityKey(RANDOM);
        byte[] newKey = ReferenceNode.newCommunityKey(RANDOM);
        CommunityId old = ReferenceNode.communityIdOf(oldKey);
        CommunityId joined = ReferenceNode.communityIdOf(newKey);
        List<ContentTopic> oldTopics = ReferenceNode.topicsOf(old, "general", "random");
        List<ContentTopic> newTopics = ReferenceNode.topicsOf(joined, "general", "random");
        owner.host.own(oldKey, oldTopics, null);
        owner.host.own(newKey, newTopics, null);
        member.host.join(old, oldTopics, null);
        member.host.join(joined, newTopics, null);
        long now = Instant.now().getEpochSecond();
        List<ArchivedMessage> oldHistory = history(oldTopics, 6, now);
        List<ArchivedMessage> newHistory = history(newTopics, 1, now);
        owner.host.addMessages(old, oldHistory);
        owner.host.addMessages(joined, newHistory);

        member.scheduler = member.schedulerBuilder(Duration.ofSeconds(2)).onStorageReleased(released::add)
                .backend(StorageBackend.BITTORRENT, memberBt.backend()).start();
        member.scheduler.configure(old, StorageBackend.BITTORRENT, StorageBackend.BITTORRENT, 100_000);
        member.scheduler.configure(joined, StorageBackend.BITTORRENT, StorageBackend.BITTORRENT, 100_000);
        owner.scheduler = owner.schedulerBuilder(Duration.ofSeconds(2)).maxStorageBytes(1)
                .storageRelease(ReleasePolicy.FILES_THEN_ARCHIVES)
                .backend(StorageBackend.BITTORRENT, ownerBt.backend()).start();
        RunningFileService ownerFiles = keep(FileServices.builder(owner.root.resolve("files"))
                .store(StorageBackend.CODEX, ownerCodex.store()).start());
        RunningFileService memberFiles = keep(FileServices.builder(member.root.resolve("files"))
                .store(StorageBackend.CODEX, memberCodex.store()).nodeStorage(member.scheduler.nodeStorage())
                .fetchRetries(2, Duration.ofMillis(50)).start());
        member.scheduler.addStorageHolder(memberFiles.storageHolder());

        // 1. no limit yet: the member imports the first community and fetches a file the owner shares
        owner.scheduler.configure(old, StorageBackend.BITTORRENT, "", 100_000);
        await("the first community imported", () -> member.host.messageHashes(old).equals(hashes(oldHistory)));
        List<ArchiveSummary> oldArchives = owner.scheduler.archiveSummaries(old);
        assertTrue(oldArchives.size() >= 6, "six weeks: " + oldArchives);
        await("its download complete", () -> count(summaries(member, old), Availability.HELD) == oldArchives.size()
                && member.scheduler.community(old).orElseThrow().lastError().isEmpty());
        byte[] content = new byte[FILE_BYTES];
        RANDOM.nextBytes(content);
        FileLink link = ownerFiles.service().publish(content, FileMetadata.plain("photo.jpg")).result()
                .get(60, TimeUnit.SECONDS);
        Path fetched = memberFiles.service().fetch(link).result().get(60, TimeUnit.SECONDS);
        assertTrue(Files.exists(fetched));
        Path oldSet = memberBt.communityDir(old);
        long oldSetBytes = org.archivist.core.io.DirectorySizes.bytesUnder(oldSet);
        assertTrue(oldSetBytes > 4 * FILE_BYTES, "the first community's set is larger than the file: " + oldSetBytes);

        // 2. the second community announced while nothing fits and nothing may be released (policy none)
        member.scheduler.maxStorageBytes(1);
        owner.scheduler.configure(joined, StorageBackend.BITTORRENT, "", 100_000);
        await("the second community's archives listed, none fetched", () -> !summaries(member, joined).isEmpty()
                && count(summaries(member, joined), Availability.MISSING) == summaries(member, joined).size()
                && member.scheduler.community(joined).orElseThrow().lastError().orElse("").contains("storage limit"));
        assertEquals(List.of(), released, "storageRelease none: nothing released");
        assertTrue(Files.exists(fetched));

        // 3. files-then-archives and a limit the second history only fits under once the file and the first set go
        List<ArchiveSummary> newArchives = owner.scheduler.archiveSummaries(joined);
        long largest = newArchives.stream().mapToLong(a -> a.bytes().orElseThrow()).max().orElseThrow();
        long newSet = newArchives.stream().mapToLong(a -> a.bytes().orElseThrow() + PieceLayout.PIECE_LENGTH).sum()
                + PieceLayout.PIECE_LENGTH; // the member's copy: its pieces and the index
        StorageUsage before = member.usage();
        long base = before.usedBytes() - oldSetBytes - FILE_BYTES;
        long limit = base + newSet + 2 * (largest + PieceLayout.PIECE_LENGTH) + RECORD_BYTES + FILE_BYTES;
        assertTrue(before.usedBytes() - FILE_BYTES + 2 * largest + RECORD_BYTES > limit,
                "releasing the file alone is not enough");
        member.scheduler.storageRelease(ReleasePolicy.FILES_THEN_ARCHIVES);
        member.scheduler.maxStorageBytes(limit);

        await("the second community imported", () -> member.host.messageHashes(joined).equals(hashes(newHistory)));
        await("each of its archives held", () -> count(summaries(member, joined), Availability.HELD)
                == newArchives.size());
        assertEquals(List.of(Kind.FILE, Kind.ARCHIVE_SET), released.stream().map(ReleasableCopy::kind).toList(),
                "the file first, then one archive set: " + released);
        assertEquals(fetched.getFileName().toString(), released.get(0).id());
        assertEquals(old.hex(), released.get(1).id());
        assertFalse(Files.exists(fetched), "the fetched copy is gone");
        assertFalse(Files.exists(oldSet), "the first community's member set is gone");
        StorageUsage after = member.usage();
        assertTrue(after.usedBytes() <= limit, "within the limit: " + after);

        // what was released is not lost: the messages stay imported, the owner serves the set and the file
        assertEquals(hashes(oldHistory), member.host.messageHashes(old));
        assertEquals(oldArchives.size(), count(summaries(member, old), Availability.HELD));
        assertEquals(oldHistory.size() + newHistory.size(), member.host.importedMessages(), "each message once");
        assertTrue(Files.exists(ownerBt.communityDir(old).resolve("data")));
        assertEquals(List.of(), owner.scheduler.nodeStorage().release(Long.MAX_VALUE, Set.of(Kind.ARCHIVE_SET), true)
                .released(), "an owner's archive sets are never releasable, even over its limit of 1 byte");
        Path again = memberFiles.service().fetch(link).result().get(60, TimeUnit.SECONDS);
        assertEquals(FILE_BYTES, Files.size(again));
    }

    /**
     * A Codex index gives no archive sizes: the member asks its node for each archive's manifest before fetching it
     * and admits it against the limit like a BitTorrent piece range.
     */
    @Test
    void aCodexMemberChecksEachArchiveAgainstTheLimitByTheSizeItsNodeTells() throws Exception {
        Node member = keep(new Node("codex-member", List.of()));
        Node owner = keep(new Node("codex-owner", List.of("127.0.0.1:" + member.host.channelPort())));
        CodexEmulator ownerNode = keep(CodexEmulator.start(EmulatorConfig.builder().build()));
        CodexEmulator memberNode = keep(CodexEmulator.start(EmulatorConfig.builder().blockRetries(2)
                .retryDelay(Duration.ofMillis(10)).peer(ownerNode.baseUri()).build()));
        StorageBackend ownerCodex = keep(CodexBackends.connect(ownerNode.baseUri(), owner.root.resolve("codex")))
                .backend();
        StorageBackend memberCodex = keep(CodexBackends.connect(memberNode.baseUri(), member.root.resolve("codex")))
                .backend();
        byte[] key = ReferenceNode.newCommunityKey(RANDOM);
        CommunityId id = ReferenceNode.communityIdOf(key);
        List<ContentTopic> topics = ReferenceNode.topicsOf(id, "general", "random");
        owner.host.own(key, topics, null);
        member.host.join(id, topics, null);
        List<ArchivedMessage> history = history(topics, 3, Instant.now().getEpochSecond());
        owner.host.addMessages(id, history);

        member.scheduler = member.schedulerBuilder(Duration.ofSeconds(2)).maxStorageBytes(1)
                .backend(StorageBackend.CODEX, memberCodex).start();
        member.scheduler.configure(id, StorageBackend.CODEX, StorageBackend.CODEX, 100_000);
        owner.scheduler = owner.schedulerBuilder(Duration.ofSeconds(2)).backend(StorageBackend.CODEX, ownerCodex)
                .start();
        owner.scheduler.configure(id, StorageBackend.CODEX, "", 100_000);

        await("the archives listed and refused at the limit", () -> !summaries(member, id).isEmpty()
                && member.scheduler.community(id).orElseThrow().lastError().orElse("").contains("storage limit"));
        List<ArchiveSummary> owned = owner.scheduler.archiveSummaries(id);
        assertTrue(owned.size() >= 3, "three weeks: " + owned);
        assertEquals(owned.size(), count(summaries(member, id), Availability.MISSING));
        assertEquals(0, member.host.importedMessages());
        String error = member.scheduler.community(id).orElseThrow().lastError().orElseThrow();
        ArchiveSummary first = owned.get(0);
        assertTrue(error.contains("of 1 bytes in use; archive " + first.id() + " ("
                + first.bytes().orElseThrow() + " bytes) not downloaded"), "the size the node's manifest gives: "
                + error + " / " + first);

        member.scheduler.maxStorageBytes(0);
        await("the whole history imported", () -> member.host.messageHashes(id).equals(hashes(history)));
        assertEquals(history.size(), member.host.importedMessages());
    }
}
