package org.archivist.storage.bittorrent.internal.engine;

import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.DEADLINE;
import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.L;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import org.archivist.storage.bittorrent.internal.engine.EngineFixtures.Community;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;
import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine counts its open peer connections (the backend's {@code peers} metric), in all and per torrent (its
 * {@code peers.<community>} metrics): up while two engines talk, on the torrent they share only.
 */
class ConnectedPeersTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aFetchConnectedToItsSeedIsOnePeerOnEachSideAndNoneOnceClosed(EngineKind kind) throws Exception {
        Community c = Community.write(tmp, 8 * L, 500, 7, "0x04cc");
        Metainfo torrent = c.torrent();
        Path otherOwner = tmp.resolve("other-owner");
        Metainfo other = TorrentBuilder.status("0x04cc").build(
                CommunityDirs.write(otherOwner, CommunityDirs.CID, 3 * L, 500, 8), 1_700_000_000L);
        TorrentEngine seed = EngineFixtures.start(kind, EngineSettings.loopback());
        TorrentEngine engine = EngineFixtures.start(kind, EngineSettings.loopback().withStallTimeout(DEADLINE));
        try {
            assertEquals(0, seed.connectedPeers(), "a seed nobody dialled has no peer");
            seed.seed(torrent, c.owner());
            seed.seed(other, otherOwner);
            try (FetchSession fetch = engine.fetch(torrent.magnet().withPeers(List.of("127.0.0.1:" + seed.port())),
                    c.member())) {
                fetch.awaitMetadata(DEADLINE);
                BitSet wanted = new BitSet();
                // libtorrent closes a connection between two complete copies (seed to seed): it fetches all but
                // the last piece, so that the connection is still open to be counted
                wanted.set(0, kind == EngineKind.LIBTORRENT ? torrent.pieceCount() - 1 : torrent.pieceCount());
                fetch.awaitPieces(wanted, FetchSession.PieceProgress.NONE);
                assertTrue(eventually(engine::connectedPeers), "the member counts its connection to the seed");
                assertTrue(eventually(seed::connectedPeers), "the seed counts the member's connection");
                assertTrue(eventually(() -> seed.connectedPeersByTorrent().getOrDefault(torrent.infoHashHex(), 0)),
                        "the seed counts the connection on the fetched torrent");
                assertEquals(0, seed.connectedPeersByTorrent().getOrDefault(other.infoHashHex(), 0),
                        "and none on the torrent nobody fetches: " + seed.connectedPeersByTorrent());
            }
        } finally {
            engine.close();
            seed.close();
        }
        assertEquals(0, engine.connectedPeers(), "a closed engine has no peer");
        assertEquals(Map.of(), engine.connectedPeersByTorrent(), "nor any per torrent");
    }

    /** Whether the count reaches 1 or more within 10 s (bt posts its connection events on its own threads). */
    private static boolean eventually(IntSupplier count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            if (count.getAsInt() > 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
