package org.archivist.scheduler.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: the owner's run killed with kill -9 at 20 points and rerun ends as an uninterrupted run. The owner
 * ({@link OwnerRunChild}: reference host, production scheduler, a BitTorrent data directory and the Codex
 * backend against an emulator in this JVM) archives a five-week history on both backends and announces both
 * links. Each kill gets a fresh directory; the child halts at a core crash point (every append step of the
 * BitTorrent data, the index and commit record, the torrent, the Codex backend's and the scheduler's state
 * files) or gets SIGKILL at a random moment; then the same command runs to its end. Its BitTorrent directory
 * (data, index, commit record; not the lock file, which names its holder's pid) is byte for byte the clean
 * run's, and so are the announced magnet link (the infohash names the torrent's info dictionary; the torrent
 * file itself carries its creation date, as status-go's does) and Codex index CID (a CID names the index's
 * bytes).
 */
class OwnerRunKillTest {
    @TempDir
    Path tmp;
    private CodexEmulator codex;

    @AfterEach
    void stop() {
        if (codex != null) {
            codex.close();
        }
    }

    private ChildProcess owner(Path dir, int crashAt, String label) throws Exception {
        return ChildProcess.start(OwnerRunChild.class, crashAt, tmp.resolve("logs").resolve(label + ".err"),
                dir.toString(), codex.baseUri().toString());
    }

    private static List<String> links(List<String> output) {
        return output.stream().filter(l -> l.startsWith("LINK ")).toList();
    }

    private static Path btData(Path root) {
        return root.resolve("bittorrent");
    }

    @Test
    void theOwnersRunKilledAtTwentyPointsThenRerunEqualsAnUninterruptedRun() throws Exception {
        codex = CodexEmulator.start(EmulatorConfig.builder().dataDir(tmp.resolve("codex-node")).build());
        Path clean = tmp.resolve("clean");
        long started = System.nanoTime();
        List<String> cleanOutput;
        try (ChildProcess child = owner(clean, 0, "clean")) {
            assertEquals(0, child.finish(360), "the clean run; " + child.describe());
            cleanOutput = child.lines();
        }
        long cleanMillis = (System.nanoTime() - started) / 1_000_000;
        List<String> cleanLinks = links(cleanOutput);
        assertEquals(2, cleanLinks.size(), "a magnet link and an index CID: " + cleanOutput);
        Path cleanCommunity = btData(clean).resolve("archivedata").resolve(KillFixture.ID.hex());
        assertTrue(Files.size(cleanCommunity.resolve("data")) > 100_000, "the clean run archived the history");

        KillAndRerun kills = new KillAndRerun(tmp, this::owner, (dir, output, label) -> {
            assertEquals(cleanLinks, links(output), label + ": the announced links");
            DirectoryTrees.assertSameTree(label, btData(clean), btData(dir),
                    name -> name.startsWith("archivedata/") && !name.endsWith(".archivist.lock"));
        });
        int sigkills = kills.withSigkill(4, cleanMillis, 12);
        int deepest = kills.atCrashPoints(20 - sigkills);
        System.out.println("owner run: clean run " + cleanMillis + " ms; kills " + kills.kills());
        assertTrue(kills.kills().size() >= 20, "20 kills: " + kills.kills());
        assertTrue(deepest >= 32, "the crash points reach deep into the run: " + kills.kills());
    }
}
