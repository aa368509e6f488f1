package org.archivist.storage.bittorrent.internal.engine.lt;

import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.DEADLINE;
import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.L;
import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.bits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.archivist.storage.bittorrent.internal.engine.EngineFixtures;
import org.archivist.storage.bittorrent.internal.engine.EngineFixtures.Community;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorrent removes torrents asynchronously: a torrent seeded again right after it was unseeded, and fetched again
 * right after its fetch was closed, must be a live torrent (not the handle being removed).
 */
class LtReAddTest {

    @TempDir
    Path tmp;

    @Test
    void unseededAndClosedTorrentsCanBeAddedAgainAtOnce() throws Exception {
        Community c = Community.write(tmp, 6 * L, 700, 41, "0x04ab");
        Metainfo torrent = c.torrent();
        try (LibtorrentEngine seed = LibtorrentEngine.start(EngineSettings.loopback());
                LibtorrentEngine engine = LibtorrentEngine.start(EngineSettings.loopback().withStallTimeout(DEADLINE))) {
            seed.seed(torrent, c.owner());
            seed.unseed(torrent.infoHashHex());
            seed.seed(torrent, c.owner());
            assertTrue(seed.isSeeding(torrent.infoHashHex()));
            List<String> peer = List.of("127.0.0.1:" + seed.port());
            try (FetchSession first = engine.fetch(torrent.magnet().withPeers(peer), c.member())) {
                first.awaitPieces(bits(0, 2), FetchSession.PieceProgress.NONE);
            }
            try (FetchSession again = engine.fetch(torrent.magnet().withPeers(peer), c.member())) {
                again.awaitPieces(bits(0, torrent.pieceCount()), FetchSession.PieceProgress.NONE);
                assertEquals(torrent.pieceCount(), again.verifiedPieces().cardinality());
            }
        }
        EngineFixtures.assertSameFile(c.dir().resolve("data"), c.received().resolve("data"));
    }
}
