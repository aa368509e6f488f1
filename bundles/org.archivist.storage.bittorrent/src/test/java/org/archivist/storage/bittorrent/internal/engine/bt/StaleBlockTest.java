package org.archivist.storage.bittorrent.internal.engine.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.storage.bittorrent.internal.engine.EngineFixtures;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;
import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.archivist.storage.bittorrent.internal.testing.HostilePeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bt keeps received blocks in one registry keyed by piece and offset, shared by all connections and torrents. A
 * block whose message is never dispatched (its connection dropped first) stays there, and the next peer's
 * message for the same piece and offset writes those bytes instead of its own. That peer sent good data: it must
 * not be banned, and the download completes from it. Deterministic: the stale blocks are planted before the
 * download starts. (Before the guard took its evidence on the wire, it blamed the message's sender and banned
 * the only seed, and the download stalled.)
 */
class StaleBlockTest {
    private static final int L = Metainfo.STATUS_PIECE_LENGTH;
    private static final int BLOCK = 16 * 1024; // bt's transfer block size
    private static final int POISONED = 4;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void aPeerWhoseMessageWroteAnotherConnectionsBytesIsNotBanned() throws Exception {
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, 24 * L, 2 * L + 7, 31);
        Metainfo torrent = TorrentBuilder.status("0x04cc").build(dir, 1_700_000_000L);
        Path decoys = tmp.resolve("decoy");
        Path decoyDir = CommunityDirs.write(decoys, CommunityDirs.OTHER_CID, 2 * L, 500, 5);
        Metainfo decoy = TorrentBuilder.status("0x04dd").build(decoyDir, 1_700_000_000L);
        Path member = Files.createDirectories(tmp.resolve("member"));

        try (BtEngine seed = new BtEngine(EngineSettings.loopback());
                BtEngine engine = new BtEngine(EngineSettings.loopback().withStallTimeout(DEADLINE))) {
            seed.seed(torrent, owner);
            engine.seed(decoy, decoys); // a torrent the member serves, for the poisoner to dial
            Set<String> bans = ConcurrentHashMap.newKeySet();
            engine.guard().onBan(bans::add);
            for (int piece = 0; piece < POISONED; piece++) {
                HostilePeer.poison(new InetSocketAddress("127.0.0.1", engine.port()), decoy.infoHash(), piece, L,
                        BLOCK);
            }
            try (FetchSession fetch = engine.fetch(torrent.magnet().withPeers(List.of("127.0.0.1:" + seed.port())),
                    member)) {
                fetch.awaitMetadata(DEADLINE);
                BitSet all = new BitSet();
                all.set(0, torrent.pieceCount());
                fetch.awaitPieces(all, FetchSession.PieceProgress.NONE);
                assertEquals(Set.of(), bans, "the seed sent only good data, yet was banned");
                assertTrue(engine.guard().failedPieces() > 0, "a stale block reached the disk (the scenario ran)");
            }
        }
        EngineFixtures.assertSameFile(dir.resolve("data"), member.resolve(CommunityDirs.CID).resolve("data"));
        EngineFixtures.assertSameFile(dir.resolve("index"), member.resolve(CommunityDirs.CID).resolve("index"));
    }
}
