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
 * A node's download and upload limits hold on the wire: a transfer between two engines cannot finish sooner
 * than its size allows at the limit (only that lower bound is checked: a loaded machine makes it slower, never
 * faster), and the data arrives intact.
 */
class LtRateLimitTest {
    private static final int L = Metainfo.STATUS_PIECE_LENGTH;
    private static final long LIMIT = 1024 * 1024; // 1 MiB/s
    private static final int DATA = 30 * L; // ~3 MiB: at least ~2.8 s at the limit

    @TempDir
    Path tmp;

    @Test
    void theMembersDownloadLimitHolds() throws Exception {
        assertTransferTakesAtLeast(EngineSettings.loopback(), EngineSettings.loopback().withRateLimits(LIMIT, 0));
    }

    @Test
    void theSeedsUploadLimitHolds() throws Exception {
        assertTransferTakesAtLeast(EngineSettings.loopback().withRateLimits(0, LIMIT), EngineSettings.loopback());
    }

    private void assertTransferTakesAtLeast(EngineSettings seedSettings, EngineSettings memberSettings)
            throws Exception {
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, DATA, 500, 7);
        Metainfo torrent = TorrentBuilder.status("0x04rl").build(dir, 1_700_000_000L);
        Path member = Files.createDirectories(tmp.resolve("member"));
        try (LibtorrentEngine seed = LibtorrentEngine.start(seedSettings); LibtorrentEngine engine = LibtorrentEngine.start(memberSettings)) {
            seed.seed(torrent, owner);
            try (FetchSession fetch = engine.fetch(torrent.magnet().withPeers(List.of("127.0.0.1:" + seed.port())),
                    member)) {
                Metainfo received = fetch.awaitMetadata(Duration.ofSeconds(60));
                long t0 = System.nanoTime();
                BitSet all = new BitSet();
                all.set(0, received.pieceCount());
                fetch.awaitPieces(all, FetchSession.PieceProgress.NONE);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double floor = (received.totalLength() - 0.2 * LIMIT) / (double) LIMIT; // less the burst allowance
                assertTrue(seconds >= floor * 0.9, received.totalLength() + " bytes at " + LIMIT + " B/s took only "
                        + seconds + " s");
            }
        }
        assertEquals(-1L, Files.mismatch(dir.resolve("data"), member.resolve(CommunityDirs.CID).resolve("data")));
    }
}
