package org.archivist.scheduler.kill;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.StorageBackend;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.scheduler.node.SchedulerNode;
import org.archivist.storage.codex.CodexBackends;
import org.archivist.storage.codex.CodexBackends.ConnectedCodex;

/**
 * The member's node of {@link MemberImportKillTest}, in its own JVM: a reference host that joined the fixture's
 * community, a Codex backend against the test's emulator, and the production scheduler following Codex links.
 * Prints {@code PORT <channel port>} once it listens (the test then announces the owner's index CID to it),
 * and {@code DONE} once the announced link is complete and every archive it lists is imported and the host
 * holds {@code <messages>} messages, and no downloaded archive file is left (a restart sweeps what a crash
 * left there); the scheduler is closed before that line (no task still running), and
 * the process exits 0. Run again on the same root it resumes. Arguments: {@code <root> <codex api url>
 * <messages> <import rate>}.
 */
public final class MemberImportChild {
    private MemberImportChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path root = Path.of(args[0]);
        int messages = Integer.parseInt(args[2]);
        try (ReferenceNode host = ReferenceNode.loopback(root.resolve("host"), "member", List.of());
                ConnectedCodex codex = CodexBackends.connect(URI.create(args[1]), root.resolve("codex-state"))) {
            host.join(KillFixture.ID, KillFixture.TOPICS, null);
            SchedulerNode node = SchedulerNode.builder(host.store(), host.directory(), host.channel(), host.importer())
                    .directory(root.resolve("scheduler")).retry(Duration.ofMillis(200), Duration.ofSeconds(1))
                    .backend(StorageBackend.CODEX, codex.backend()).start();
            node.configure(KillFixture.ID, StorageBackend.CODEX, StorageBackend.CODEX, Double.parseDouble(args[3]));
            out.println("PORT " + host.channelPort());
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            Path downloaded = root.resolve("scheduler").resolve(KillFixture.ID.hex()).resolve("downloaded");
            while (!complete(node.community(KillFixture.ID), host.messageCount(KillFixture.ID), messages)
                    || leftovers(downloaded)) {
                if (System.nanoTime() > deadline) {
                    System.err.println("the member did not import the history in time: "
                            + node.community(KillFixture.ID) + ", " + host.messageCount(KillFixture.ID) + " messages");
                    ThreadDumps.print();
                    System.exit(3);
                }
                Thread.sleep(20);
            }
            node.close();
        }
        out.println("DONE");
        System.exit(0);
    }

    /** Files still in the downloaded-archives directory (a node that imported everything keeps none). */
    private static boolean leftovers(Path downloaded) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(downloaded)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(downloaded)) {
            return files.findAny().isPresent();
        }
    }

    private static boolean complete(Optional<CommunityArchiveStatus> status, int held, int messages) {
        return status.isPresent() && !status.get().links().isEmpty() && status.get().archives() > 0
                && status.get().imported() == status.get().archives() && held == messages;
    }
}
