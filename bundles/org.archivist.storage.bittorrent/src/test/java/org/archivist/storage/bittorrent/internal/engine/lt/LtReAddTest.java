package org.archivist.storage.bittorrent.internal.engine.lt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;

import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;
import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorrent removes torrents asynchronously: a torrent seeded again right after it was unseeded, and fetched again
 * right after its fetch was closed, must be a live torrent (not the handle being removed).
 */
class LtReAddTest {
    private static final int L = Metainfo.STATUS_PIECE_LENGTH;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void unseededAndClosedTorrentsCanBeAddedAgainAtOnce() throws Exception {
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, 6 * L, 700, 41);
        Metainfo torrent = TorrentBuilder.status("0x04ab").build(dir, 1_700_000_000L);
        Path member = Files.createDirectories(tmp.resolve("member"));
        try (LibtorrentEngine seed = LibtorrentEngine.start(EngineSettings.loopback());
                LibtorrentEngine engine = LibtorrentEngine.start(EngineSettings.loopback().withStallTimeout(DEADLINE))) {
            seed.seed(torrent, owner);
            seed.unseed(torrent.infoHashHex());
            seed.seed(torrent, owner);
            assertTrue(seed.isSeeding(torrent.infoHashHex()));
            List<String> peer = List.of("127.0.0.1:" + seed.port());
            try (FetchSession first = engine.fetch(torrent.magnet().withPeers(peer), member)) {
                first.awaitPieces(bits(0, 2), FetchSession.PieceProgress.NONE);
            }
            try (FetchSession again = engine.fetch(torrent.magnet().withPeers(peer), member)) {
                again.awaitPieces(bits(0, torrent.pieceCount()), FetchSession.PieceProgress.NONE);
                assertEquals(torrent.pieceCount(), again.verifiedPieces().cardinality());
            }
        }
        LtInteropTest.assertSameFile(dir.resolve("data"), member.resolve(CommunityDirs.CID).resolve("data"));
    }

    private static BitSet bits(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to);
        return b;
    }
}
