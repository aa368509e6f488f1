package org.archivist.scheduler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.archivist.scheduler.e2e.E2e.await;
import static org.archivist.scheduler.e2e.E2e.count;
import static org.archivist.scheduler.e2e.E2e.hashes;
import static org.archivist.scheduler.e2e.E2e.summaries;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.ArchiveSummary.Availability;
import org.archivist.api.service.StorageUsage;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.format.PieceLayout;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.storage.bittorrent.BitTorrentBackends;
import org.archivist.storage.bittorrent.BitTorrentBackends.EmbeddedBitTorrent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's storage limit end to end over BitTorrent on loopback, every node built through exported entry points
 * only: an owner publishes five weeks of history; a member whose {@code maxStorageBytes} admits no archive lists
 * them all MISSING, posts FAILED events naming the limit and shows it as its last error; raised at run time to admit
 * one archive, it imports exactly that one and stops again without passing the limit; with the limit removed the
 * rest arrives, every message imported exactly once.
 */
class StorageLimitEndToEndTest {
    static final long HOUR = 3600;
    static final long DAY = 24 * HOUR;
    static final SecureRandom RANDOM = new SecureRandom();
    /** What a download writes besides two copies of the blob, as the scheduler counts it (its state records). */
    static final long RECORD_BYTES = 16 * 1024;

    @TempDir
    Path dir;
    final byte[] key = ReferenceNode.newCommunityKey(RANDOM);
    final CommunityId id = ReferenceNode.communityIdOf(key);
    final List<ContentTopic> topics = ReferenceNode.topicsOf(id, "general", "random");
    final Resources resources = new Resources();

    final class Node extends E2eNode {
        Node(String name, List<String> peers) throws Exception {
            super(dir.resolve(name), name, peers);
        }

        void start(StorageBackend bittorrent, long maxStorageBytes) throws Exception {
            scheduler = schedulerBuilder(Duration.ofSeconds(2)).maxStorageBytes(maxStorageBytes)
                    .backend(StorageBackend.BITTORRENT, bittorrent).start();
        }

        boolean failedOnTheLimit() {
            return events.stream().anyMatch(e -> e.type() == ArchiveEvent.Type.FAILED
                    && e.reason().orElse("").contains("storage limit: "));
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

    String lastError(Node n) {
        return n.scheduler.community(id).orElseThrow().lastError().orElse("");
    }

    @Test
    void aMemberStopsAtItsStorageLimitAndCompletesWhenTheLimitIsRaised() throws Exception {
        Node member = keep(new Node("member", List.of()));
        Node owner = keep(new Node("owner", List.of("127.0.0.1:" + member.host.channelPort())));
        EmbeddedBitTorrent ownerBt = keep(BitTorrentBackends.embedded(owner.root.resolve("bt"))
                .cipher(owner.host.cipher()).start());
        EmbeddedBitTorrent memberBt = keep(BitTorrentBackends.embedded(member.root.resolve("bt"))
                .cipher(member.host.cipher()).peers(List.of("127.0.0.1:" + ownerBt.port())).start());
        owner.host.own(key, topics, null);
        member.host.join(id, topics, null);

        // five weeks of history, a 16 KB message every 3 hours: archives of about 0.9 MB, many pieces each
        long now = Instant.now().getEpochSecond();
        List<ArchivedMessage> history = E2e.messages(topics, 280, now - 35 * DAY, 3 * HOUR,
                E2e.randomPayloads(16 * 1024));
        owner.host.addMessages(id, history);

        // 1. a limit no archive fits under: the index is listed, every archive MISSING, the limit named
        member.start(memberBt.backend(), 1);
        member.scheduler.configure(id, StorageBackend.BITTORRENT, StorageBackend.BITTORRENT, 100_000);
        owner.start(ownerBt.backend(), 1); // an owner's own archives are never refused by its limit
        owner.scheduler.configure(id, StorageBackend.BITTORRENT, "", 100_000);
        await("a FAILED event naming the storage limit", member::failedOnTheLimit);
        List<ArchiveSummary> owned = owner.scheduler.archiveSummaries(id);
        assertTrue(owned.size() >= 5, "five weeks: " + owned);
        await("every archive listed", () -> summaries(member, id).size() == owned.size());
        assertEquals(owned.size(), count(summaries(member, id), Availability.MISSING), summaries(member, id).toString());
        assertTrue(lastError(member).contains("storage limit: "), lastError(member));
        assertTrue(lastError(member).matches(".*storage limit: \\d+ of 1 bytes in use; archive 0x[0-9a-f]+ \\(\\d+"
                + " bytes\\) not downloaded.*"), lastError(member));
        assertEquals(0, member.host.importedMessages());
        assertTrue(member.events.stream().noneMatch(e -> e.type() == ArchiveEvent.Type.ARCHIVE_DOWNLOADED));

        // 2. raised at run time to admit the oldest archive only (the next ones are as large, within a piece)
        ArchiveSummary first = owned.get(0);
        long firstBytes = first.bytes().orElseThrow();
        long used = member.usage().usedBytes();
        long limit = used + 2 * (firstBytes + PieceLayout.PIECE_LENGTH) + RECORD_BYTES;
        member.events.clear();
        member.scheduler.maxStorageBytes(limit);
        await("the oldest archive held", () -> summaries(member, id).get(0).availability() == Availability.HELD);
        List<ArchivedMessage> inFirst = history.stream().filter(m -> first.range().contains(m.timestamp())).toList();
        await("its messages imported", () -> member.host.importedMessages() == inFirst.size());
        await("the next archive refused", member::failedOnTheLimit);
        List<ArchiveSummary> listed = summaries(member, id);
        assertEquals(1, count(listed, Availability.HELD), listed.toString());
        assertEquals(owned.size() - 1, count(listed, Availability.MISSING), listed.toString());
        assertEquals(hashes(inFirst), member.host.messageHashes(id));
        StorageUsage atLimit = member.usage();
        assertEquals(limit, atLimit.maxBytes());
        assertTrue(atLimit.usedBytes() <= limit, "nothing written beyond the limit: " + atLimit);
        assertTrue(lastError(member).contains("of " + limit + " bytes in use"), lastError(member));

        // 3. the limit removed at run time: the rest arrives, each message once
        member.scheduler.maxStorageBytes(0);
        await("every archive held", () -> count(summaries(member, id), Availability.HELD) == owned.size());
        await("the whole history imported", () -> member.host.messageHashes(id).equals(hashes(history)));
        assertEquals(history.size(), member.host.importedMessages(), "each message handed over exactly once");
        await("the last error cleared", () -> lastError(member).isEmpty());
        assertEquals(1, owner.usage().maxBytes(), "the owner kept its limit of 1 byte");
        assertTrue(owner.usage().usedBytes() > 1, "and published over it: " + owner.usage());
    }
}
