package org.archivist.scheduler.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.archivist.scheduler.e2e.E2e.await;
import static org.archivist.scheduler.e2e.E2e.count;
import static org.archivist.scheduler.e2e.E2e.hashes;
import static org.archivist.scheduler.e2e.E2e.summaries;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.ArchiveSummary.Availability;
import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.storage.codex.CodexBackends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's selective history end to end on the real clock, every node built through exported entry points only:
 * an owner publishes a month of history on Codex (two emulated nodes, loopback); a member with a 10-day history
 * window fetches and imports only the archives reaching into those 10 days and lists the others OUTSIDE_WINDOW;
 * asks for the oldest on demand; is restarted (its listing and held archives survive, nothing is fetched again);
 * and widened to the whole history at run time, ending with every message imported exactly once.
 */
class HistoryWindowEndToEndTest {
    static final long HOUR = 3600;
    static final long DAY = 24 * HOUR;
    static final Duration WINDOW = Duration.ofDays(10);
    static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    final byte[] key = ReferenceNode.newCommunityKey(RANDOM);
    final CommunityId id = ReferenceNode.communityIdOf(key);
    final List<ContentTopic> topics = ReferenceNode.topicsOf(id, "general", "random");
    final Resources resources = new Resources();

    /** One node: a reference host, a Codex backend, and a scheduler that can be restarted on the same directories. */
    final class Node extends E2eNode {
        StorageBackend codex;

        Node(String name, List<String> peers) throws Exception {
            super(dir.resolve(name), name, peers);
        }

        void start() throws Exception {
            scheduler = schedulerBuilder(Duration.ofSeconds(4)).backend(StorageBackend.CODEX, codex).start();
        }
    }

    @AfterEach
    void close() throws Exception {
        resources.close();
    }

    <T extends AutoCloseable> T keep(T resource) {
        return resources.keep(resource);
    }

    List<ArchivedMessage> within(List<ArchivedMessage> history, List<ArchiveSummary> archives, Availability a) {
        return history.stream().filter(m -> archives.stream()
                .anyMatch(s -> s.availability() == a && s.range().contains(m.timestamp()))).toList();
    }

    @Test
    void aMemberFetchesItsWindowThenTheRestOnDemandAndWhenWidenedEachOnce() throws Exception {
        CodexEmulator ownerNode = keep(CodexEmulator.start(EmulatorConfig.builder().build()));
        CodexEmulator memberNode = keep(CodexEmulator.start(EmulatorConfig.builder().peer(ownerNode.baseUri()).build()));
        Node member = keep(new Node("member", List.of()));
        Node owner = keep(new Node("owner", List.of("127.0.0.1:" + member.host.channelPort())));
        owner.codex = codex(owner, ownerNode.baseUri());
        member.codex = codex(member, memberNode.baseUri());
        owner.host.own(key, topics, null);
        member.host.join(id, topics, null);

        // a month of history, a message every 3 hours: five weekly archives
        long now = Instant.now().getEpochSecond();
        List<ArchivedMessage> history = E2e.messages(topics, 240, now - 30 * DAY - HOUR, 3 * HOUR,
                E2e.labelled("message"));
        owner.host.addMessages(id, history);
        member.start();
        member.scheduler.configure(id, StorageBackend.CODEX, StorageBackend.CODEX, 100_000, WINDOW);
        owner.start();
        owner.scheduler.configure(id, StorageBackend.CODEX, "", 100_000);

        // 1. only the window is fetched and imported; the rest is listed outside it
        await("the member's import of its window",
                () -> member.events.stream().anyMatch(e -> e.type() == ArchiveEvent.Type.FINISHED));
        List<ArchiveSummary> owned = owner.scheduler.archiveSummaries(id);
        List<ArchiveSummary> listed = summaries(member, id);
        assertEquals(owned.stream().map(ArchiveSummary::range).toList(),
                listed.stream().map(ArchiveSummary::range).toList(), "the member lists every archive of the index");
        long windowStart = Instant.now().getEpochSecond() - WINDOW.getSeconds();
        for (ArchiveSummary s : listed) {
            boolean reachesWindow = s.range().to() > windowStart + 60; // a minute's slack for the clock moving on
            if (reachesWindow) {
                assertEquals(Availability.HELD, s.availability(), s.toString());
                assertTrue(s.verified() && s.messages().isPresent() && s.bytes().isPresent(), s.toString());
            } else if (s.range().to() < windowStart - 60) {
                assertEquals(Availability.OUTSIDE_WINDOW, s.availability(), s.toString());
            }
            assertEquals(Set.of(StorageBackend.CODEX), s.storedOn());
        }
        long outside = count(listed, Availability.OUTSIDE_WINDOW);
        assertTrue(outside >= 2 && count(listed, Availability.HELD) >= 2, "a month against 10 days: " + listed);
        List<ArchivedMessage> recent = within(history, listed, Availability.HELD);
        assertEquals(hashes(recent), member.host.messageHashes(id), "exactly the window's messages");
        assertEquals(recent.size(), member.host.importedMessages());

        // 2. the oldest archive on demand
        ArchiveSummary oldest = listed.get(0);
        List<ArchiveSummary> selected = member.scheduler.fetchRange(id, oldest.range());
        assertEquals(List.of(oldest.range()), selected.stream().map(ArchiveSummary::range).toList());
        await("the oldest archive held", () -> summaries(member, id).get(0).availability() == Availability.HELD);
        await("its messages imported", () -> member.host.importedMessages() == recent.size()
                + history.stream().filter(m -> oldest.range().contains(m.timestamp())).count());
        List<ArchiveSummary> afterDemand = summaries(member, id);
        assertEquals(outside - 1, count(afterDemand, Availability.OUTSIDE_WINDOW), afterDemand.toString());

        // 3. a restart keeps the listing and fetches nothing
        int downloadsBefore = downloads(member);
        member.stopScheduler();
        member.start();
        member.scheduler.configure(id, StorageBackend.CODEX, StorageBackend.CODEX, 100_000, WINDOW);
        assertEquals(afterDemand, summaries(member, id), "the listing survives the restart (kept index and state)");

        // 4. the whole history: the window widened at run time
        member.scheduler.configure(id, StorageBackend.CODEX, StorageBackend.CODEX, 100_000, Duration.ZERO);
        await("every archive held", () -> count(summaries(member, id), Availability.HELD) == owned.size());
        await("the whole history imported", () -> member.host.messageHashes(id).equals(hashes(history)));
        assertEquals(history.size(), member.host.importedMessages(), "each message handed over exactly once");
        assertEquals(owned.size(), downloadsBefore + downloads(member),
                "each archive downloaded once over the restart: " + member.events);
    }

    /** Archives this member downloaded (ARCHIVE_DOWNLOADED events) since its scheduler last started. */
    static int downloads(Node n) {
        int d = (int) n.events.stream().filter(e -> e.type() == ArchiveEvent.Type.ARCHIVE_DOWNLOADED).count();
        n.events.clear();
        return d;
    }

    StorageBackend codex(Node node, URI api) throws Exception {
        return keep(CodexBackends.connect(api, node.root.resolve("codex-state"))).backend();
    }
}
