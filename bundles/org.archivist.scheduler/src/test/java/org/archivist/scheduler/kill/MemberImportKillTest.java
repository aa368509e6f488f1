package org.archivist.scheduler.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.host.ChannelException;
import org.archivist.api.storage.Announcement;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.link.StatusAnnouncements;
import org.archivist.host.reference.ReferenceNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a member's download and import killed with kill -9 at 20 points and rerun ends as an uninterrupted
 * run, every message imported exactly once. The owner archives the fixture's history on Codex (an
 * {@link OwnerRunChild} run against the emulator in this JVM); the member ({@link MemberImportChild}:
 * reference host, production scheduler, Codex backend) is announced the index CID, signed with the community
 * key over its loopback channel (the same clock each time), downloads the archives and imports them at 300
 * messages/s. Each kill gets a fresh directory; the child halts at a core crash point (the state store's and
 * the downloaded archives' atomic writes, the Codex backend's state) or gets SIGKILL at a random moment; then
 * it runs again, is announced the link again (as the owner re-announces after a restart), and runs to its
 * end. The host's message log (one record per message: the reference importer stores each message once, by
 * hash, as the host contract asks of a chat server) and the scheduler's directory (its state, no downloaded
 * archive left behind) are byte for byte the clean run's, and the host holds exactly the owner's messages.
 */
class MemberImportKillTest {
    private static final String IMPORT_RATE = "300";

    @TempDir
    Path tmp;
    private CodexEmulator codex;
    private String link;

    @AfterEach
    void stop() {
        if (codex != null) {
            codex.close();
        }
    }

    /** Starts a member, and announces the link to it once it listens (unless it died first). */
    private ChildProcess member(Path dir, int crashAt, String label) throws Exception {
        ChildProcess child = ChildProcess.start(MemberImportChild.class, crashAt,
                tmp.resolve("logs").resolve(label + ".err"), dir.toString(), codex.baseUri().toString(),
                "" + KillFixture.history().size(), IMPORT_RATE);
        String port = child.awaitLine("PORT ");
        if (port != null) {
            announce(Integer.parseInt(port.substring(5)), label);
        }
        return child;
    }

    private void announce(int port, String label) throws Exception {
        Path dir = tmp.resolve("announcer").resolve(label);
        try (ReferenceNode owner = ReferenceNode.loopback(dir, "owner", List.of("127.0.0.1:" + port))) {
            owner.own(KillFixture.KEY, KillFixture.TOPICS, null);
            StatusAnnouncements.Outgoing out = StatusAnnouncements.DEFAULT.encode(IndexCidLinkFormat.INSTANCE,
                    new Announcement(KillFixture.CLOCK, link));
            owner.channel().publish(KillFixture.ID, out.chat(), out.type(), out.payload());
        } catch (ChannelException e) {
            // the member died before the frame reached it (a crash point at its start): nothing to deliver to
        }
    }

    private static Set<String> hashes(List<ArchivedMessage> ms) {
        return ms.stream().map(ArchivedMessage::hashHex).collect(Collectors.toSet());
    }

    private static Set<String> held(Path root) throws Exception {
        try (ReferenceNode host = ReferenceNode.loopback(root.resolve("host"), "check", List.of())) {
            return host.messageHashes(KillFixture.ID);
        }
    }

    @Test
    void theMembersDownloadAndImportKilledAtTwentyPointsThenRerunEqualsAnUninterruptedRun() throws Exception {
        codex = CodexEmulator.start(EmulatorConfig.builder().dataDir(tmp.resolve("codex-node")).build());
        try (ChildProcess owner = ChildProcess.start(OwnerRunChild.class, 0, tmp.resolve("logs/owner.err"),
                tmp.resolve("owner").toString(), codex.baseUri().toString())) {
            assertEquals(0, owner.finish(360), "the owner's run; " + owner.describe());
            link = owner.lines().stream().filter(l -> l.startsWith("LINK codex ")).findFirst()
                    .map(l -> l.substring("LINK codex ".length())).orElse(null);
            assertNotNull(link, "the owner's index CID: " + owner.describe());
        }
        Path clean = tmp.resolve("clean");
        long cleanMillis;
        try (ChildProcess child = member(clean, 0, "clean")) {
            long announced = System.nanoTime();
            assertEquals(0, child.finish(360), "the clean run; " + child.describe());
            cleanMillis = (System.nanoTime() - announced) / 1_000_000;
        }
        Set<String> history = hashes(KillFixture.history());
        assertEquals(history, held(clean), "the clean run imported the owner's history");

        KillAndRerun kills = new KillAndRerun(tmp, this::member, (dir, output, label) -> {
            assertTrue(output.contains("DONE"), label + ": the rerun completed: " + output);
            DirectoryTrees.assertSameTree(label + ": the host's messages", clean.resolve("host/messages"),
                    dir.resolve("host/messages"), name -> !name.endsWith(".lock"));
            DirectoryTrees.assertSameTree(label + ": the scheduler's directory", clean.resolve("scheduler"),
                    dir.resolve("scheduler"), name -> true);
            assertEquals(history, held(dir), label + ": the owner's messages");
        });
        int sigkills = kills.withSigkill(4, cleanMillis, 21);
        int deepest = kills.atCrashPoints(20 - sigkills);
        System.out.println("member download and import: clean run (after the announcement) " + cleanMillis + " ms; kills " + kills.kills());
        assertTrue(kills.kills().size() >= 20, "20 kills: " + kills.kills());
        assertTrue(deepest >= 32, "the crash points reach deep into the run: " + kills.kills());
    }
}
