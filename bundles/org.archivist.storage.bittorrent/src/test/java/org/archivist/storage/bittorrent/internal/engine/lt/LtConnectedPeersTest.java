package org.archivist.storage.bittorrent.internal.engine.lt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntSupplier;

import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;
import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine counts its open peer connections (the backend's {@code peers} metric), in all and per torrent (its
 * {@code peers.<community>} metrics): up while two engines talk, on the torrent they share only.
 */
class LtConnectedPeersTest {
    private static final int L = Metainfo.STATUS_PIECE_LENGTH;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void aFetchConnectedToItsSeedIsOnePeerOnEachSideAndNoneOnceClosed() throws Exception {
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, 8 * L, 500, 7);
        Metainfo torrent = TorrentBuilder.status("0x04cc").build(dir, 1_700_000_000L);
        Path otherOwner = tmp.resolve("other-owner");
        Metainfo other = TorrentBuilder.status("0x04cc").build(
                CommunityDirs.write(otherOwner, CommunityDirs.CID, 3 * L, 500, 8), 1_700_000_000L);
        Path member = Files.createDirectories(tmp.resolve("member"));
        LibtorrentEngine seed = LibtorrentEngine.start(EngineSettings.loopback());
        LibtorrentEngine engine = LibtorrentEngine.start(EngineSettings.loopback().withStallTimeout(DEADLINE));
        try {
            assertEquals(0, seed.connectedPeers(), "a seed nobody dialled has no peer");
            seed.seed(torrent, owner);
            seed.seed(other, otherOwner);
            try (FetchSession fetch = engine.fetch(torrent.magnet().withPeers(List.of("127.0.0.1:" + seed.port())),
                    member)) {
                fetch.awaitMetadata(DEADLINE);
                // all but the last piece: libtorrent closes a connection between two complete copies (seed to seed)
                BitSet most = new BitSet();
                most.set(0, torrent.pieceCount() - 1);
                fetch.awaitPieces(most, FetchSession.PieceProgress.NONE);
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
        assertEquals(java.util.Map.of(), engine.connectedPeersByTorrent(), "nor any per torrent");
    }

    /** Whether the count reaches 1 or more within 10 s . */
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
