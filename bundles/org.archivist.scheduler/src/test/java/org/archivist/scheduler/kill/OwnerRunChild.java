package org.archivist.scheduler.kill;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.storage.StorageBackend;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.scheduler.node.SchedulerNode;
import org.archivist.storage.bittorrent.BitTorrentBackends;
import org.archivist.storage.bittorrent.BitTorrentBackends.EmbeddedBitTorrent;
import org.archivist.storage.codex.CodexBackends;
import org.archivist.storage.codex.CodexBackends.ConnectedCodex;

/**
 * The owner's node of {@link OwnerRunKillTest}, in its own JVM: a reference host holding the fixture's history,
 * a BitTorrent backend (data directory under {@code <root>}) and a Codex backend (the test's emulator), and the
 * production scheduler archiving the community on both. Prints {@code READY} once started, then, when both
 * links are announced, {@code LINK <backend> <link>} for each and {@code DONE}, and exits 0. Run again on the
 * same root it starts where the last run stopped. Arguments: {@code <root> <codex api url>}.
 */
public final class OwnerRunChild {
    private OwnerRunChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path root = Path.of(args[0]);
        AtomicInteger announced = new AtomicInteger();
        try (ReferenceNode host = ReferenceNode.loopback(root.resolve("host"), "owner", java.util.List.of());
                EmbeddedBitTorrent bt = BitTorrentBackends.embedded(root.resolve("bittorrent")).start();
                ConnectedCodex codex = CodexBackends.connect(URI.create(args[1]), root.resolve("codex-state"))) {
            host.own(KillFixture.KEY, KillFixture.TOPICS, null);
            host.addMessages(KillFixture.ID, KillFixture.history());
            SchedulerNode node = SchedulerNode.builder(host.store(), host.directory(), host.channel(), host.importer())
                    .directory(root.resolve("scheduler")).retry(Duration.ofMillis(200), Duration.ofSeconds(1))
                    .backend(StorageBackend.BITTORRENT, bt.backend()).backend(StorageBackend.CODEX, codex.backend())
                    .events(e -> {
                        if (e.type() == ArchiveEvent.Type.ANNOUNCED) {
                            announced.incrementAndGet();
                        }
                    }).start();
            out.println("READY");
            node.configure(KillFixture.ID, "both", "", 1000);
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            while (announced.get() < 2 || bt.backend().currentLink(KillFixture.ID).isEmpty()
                    || codex.backend().currentLink(KillFixture.ID).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    System.err.println("the owner did not announce both links in time");
                    ThreadDumps.print();
                    System.exit(3);
                }
                Thread.sleep(20);
            }
            node.close();
            out.println("LINK bittorrent " + bt.backend().currentLink(KillFixture.ID).orElseThrow());
            out.println("LINK codex " + codex.backend().currentLink(KillFixture.ID).orElseThrow());
        }
        out.println("DONE");
        System.exit(0);
    }
}
