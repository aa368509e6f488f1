package org.archivist.storage.bittorrent.internal.engine.lt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;
import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.archivist.storage.bittorrent.internal.testing.HostilePeer;
import org.archivist.storage.bittorrent.internal.testing.Libtorrent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer sending corrupt pieces is dropped and banned by libtorrent (its own ban, no guard of ours); the download
 * completes, intact, from good peers. The same scenario as the bt engine's {@code CorruptPeerTest}.
 *
 * <p>Deterministic (no rerun): at first the only good peer is a libtorrent seed holding the first half of the
 * data, and the liar claims every piece, so the second half can be asked of the liar alone and its garbage is
 * certain to arrive. Once the liar is banned, a libtorrent seed of the whole set is dialled and the download
 * completes from it.
 */
class LtCorruptPeerTest {
    private static final int L = Metainfo.STATUS_PIECE_LENGTH;
    private static final int DATA_PIECES = 24;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void aLyingPeerIsBannedAndTheDownloadCompletesFromTheGoodOnes() throws Exception {
        Libtorrent.require();
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, DATA_PIECES * L, 2 * L + 7, 31);
        Metainfo torrent = TorrentBuilder.status("0x04cc").build(dir, 1_700_000_000L);
        Path file = Files.write(tmp.resolve("c.torrent"), torrent.bytes());
        Path half = halfOf(dir, tmp.resolve("half"));
        Path member = Files.createDirectories(tmp.resolve("member"));
        try (Libtorrent partial = Libtorrent.start("seed.py", file.toString(), half.toString(), "120");
                LibtorrentEngine engine = LibtorrentEngine.start(EngineSettings.loopback().withStallTimeout(DEADLINE))) {
            String partialSeed = "127.0.0.1:" + port(partial.awaitLine("NOT_SEEDING", DEADLINE), partial);
            Set<String> bans = ConcurrentHashMap.newKeySet();
            engine.onBan(bans::add);
            try (FetchSession fetch = engine.fetch(torrent.magnet().withPeers(List.of(partialSeed)), member);
                    HostilePeer liar = new HostilePeer(new InetSocketAddress("127.0.0.1", engine.port()),
                            torrent.infoHash(), torrent.pieceCount())) {
                fetch.awaitMetadata(DEADLINE);
                liar.start();
                BitSet all = new BitSet();
                all.set(0, torrent.pieceCount());
                Thread download = new Thread(() -> {
                    try {
                        fetch.awaitPieces(all, FetchSession.PieceProgress.NONE);
                    } catch (Exception e) {
                        // the main thread checks what was verified
                    }
                }, "download");
                download.start();
                awaitBan(bans, liar, partialSeed);
                assertTrue(liar.blocksSent() > 0, "the liar was asked for blocks");
                // not asserted: that the partial good seed stays unbanned. libtorrent also bans a peer that shared
                // four failed pieces with the liar (its trust points), before parole mode separates them; bt's
                // PeerGuard bans only on proof. The README's Engine choice says so.

                try (Libtorrent full = Libtorrent.start("seed.py", file.toString(), owner.toString(), "120")) {
                    String fullSeed = "127.0.0.1:" + port(full.awaitLine("SEEDING", DEADLINE), full);
                    engine.redial(torrent.infoHashHex(), List.of(fullSeed));
                    download.join(DEADLINE.toMillis());
                    assertEquals(torrent.pieceCount(), fetch.verifiedPieces().cardinality(),
                            "every piece verified after the whole seed was dialled");
                    assertFalse(bans.contains(fullSeed), "the whole good seed was not banned: " + bans);
                }
            }
        }
        LtInteropTest.assertSameFile(dir.resolve("data"), member.resolve(CommunityDirs.CID).resolve("data"));
        LtInteropTest.assertSameFile(dir.resolve("index"), member.resolve(CommunityDirs.CID).resolve("index"));
    }

    /** A copy of the community directory whose data's second half is zeroed (so those pieces fail the check). */
    private static Path halfOf(Path dir, Path root) throws Exception {
        Path copy = Files.createDirectories(root.resolve(CommunityDirs.CID));
        Files.copy(dir.resolve("data"), copy.resolve("data"));
        Files.copy(dir.resolve("index"), copy.resolve("index"));
        try (RandomAccessFile data = new RandomAccessFile(copy.resolve("data").toFile(), "rw")) {
            data.seek((long) DATA_PIECES / 2 * L);
            data.write(new byte[DATA_PIECES / 2 * L]);
        }
        return root;
    }

    /**
     * Waits until libtorrent bans the liar, which it reports by the address of its (incoming) connection: 127.0.0.1
     * and a port of its own, not the good seed's listen port.
     */
    private static void awaitBan(Set<String> bans, HostilePeer liar, String goodSeed) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (bans.stream().noneMatch(b -> !b.equals(goodSeed))) {
            assertTrue(System.nanoTime() < end, "the liar was not banned within " + DEADLINE + " (connections "
                    + liar.connections() + ", blocks sent " + liar.blocksSent() + ")");
            Thread.sleep(20);
        }
        assertTrue(bans.stream().allMatch(b -> b.startsWith("127.0.0.1:")), "banned " + bans);
    }

    private static String port(String line, Libtorrent seed) {
        assertNotNull(line, seed.transcript());
        return line.split(" ")[1];
    }
}
