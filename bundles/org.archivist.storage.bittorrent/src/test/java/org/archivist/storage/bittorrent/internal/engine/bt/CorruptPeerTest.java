package org.archivist.storage.bittorrent.internal.engine.bt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/** A peer sending corrupt pieces is dropped and banned; the download completes, intact, from a good peer. */
class CorruptPeerTest {
    private static final int L = Metainfo.STATUS_PIECE_LENGTH;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    /**
     * Whether bt asks the liar for blocks at all depends on its piece assignments (the good seed may serve every
     * piece first; seen in about 3 of 10 runs under load). So the scenario is run again, on a fresh member, until
     * the liar was asked, at most {@value #ATTEMPTS} times; every attempt must complete intact with the good peer
     * never banned, and the attempt in which the liar sent blocks must end with the liar banned.
     */
    private static final int ATTEMPTS = 4;

    @Test
    void aLyingPeerIsBannedAndTheDownloadCompletesFromTheGoodOne() throws Exception {
        Libtorrent.require();
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, 24 * L, 2 * L + 7, 31);
        Metainfo torrent = TorrentBuilder.status("0x04cc").build(dir, 1_700_000_000L);
        Path file = Files.write(tmp.resolve("c.torrent"), torrent.bytes());
        boolean liarAsked = false;
        for (int attempt = 1; attempt <= ATTEMPTS && !liarAsked; attempt++) {
            Path member = Files.createDirectories(tmp.resolve("member-" + attempt));
            liarAsked = downloadBesideALiar(torrent, file, owner, member);
            LibtorrentInteropTest.assertSameFile(dir.resolve("data"), member.resolve(CommunityDirs.CID).resolve("data"));
            LibtorrentInteropTest.assertSameFile(dir.resolve("index"),
                    member.resolve(CommunityDirs.CID).resolve("index"));
        }
        assertTrue(liarAsked, "the hostile peer was asked for blocks in one of " + ATTEMPTS + " downloads");
    }

    /** One download from the good seed with the liar connected; returns whether the liar was asked for blocks. */
    private static boolean downloadBesideALiar(Metainfo torrent, Path file, Path owner, Path member) throws Exception {
        try (Libtorrent good = Libtorrent.start("seed.py", file.toString(), owner.toString(), "120",
                        "524288"); // 512 KiB/s: on a quiet machine a full-speed seed finished before the liar was asked
                BtEngine engine = new BtEngine(EngineSettings.loopback().withStallTimeout(DEADLINE))) {
            String seeding = good.awaitLine("SEEDING", DEADLINE);
            assertNotNull(seeding, good.transcript());
            Set<String> bans = ConcurrentHashMap.newKeySet();
            engine.guard().onBan(bans::add);
            try (FetchSession fetch = engine.fetch(
                    torrent.magnet().withPeers(List.of("127.0.0.1:" + seeding.split(" ")[1])), member);
                    HostilePeer liar = new HostilePeer(new InetSocketAddress("127.0.0.1", engine.port()),
                            torrent.infoHash(), torrent.pieceCount())) {
                fetch.awaitMetadata(DEADLINE);
                liar.start();
                long end = System.nanoTime() + DEADLINE.toNanos();
                while (liar.connections() == 0 && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertTrue(liar.connections() > 0, "the hostile peer got connected");
                java.util.BitSet all = new java.util.BitSet();
                all.set(0, torrent.pieceCount());
                fetch.awaitPieces(all, FetchSession.PieceProgress.NONE);
                String goodPeer = "127.0.0.1:" + seeding.split(" ")[1];
                assertFalse(bans.contains(goodPeer), "the good peer was not banned: " + bans);
                if (liar.blocksSent() == 0) {
                    return false;
                }
                assertFalse(bans.isEmpty(), "the hostile peer was banned");
                assertTrue(engine.guard().banned().stream().anyMatch(b -> b.startsWith("incoming:127.0.0.1")));
                return true;
            }
        }
    }
}
