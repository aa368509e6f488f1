package org.archivist.storage.bittorrent.internal.engine;

import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.L;
import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.bits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.archivist.storage.bittorrent.internal.engine.EngineFixtures.Community;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A node's download and upload limits hold on the wire, for each engine: a transfer between two engines cannot
 * finish sooner than its size allows at the limit (only that lower bound is checked: a loaded machine makes it
 * slower, never faster), and the data arrives intact.
 */
class RateLimitTest {
    private static final long LIMIT = 1024 * 1024; // 1 MiB/s
    private static final int DATA = 30 * L; // ~3 MiB: at least ~2.8 s at the limit

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theMembersDownloadLimitHolds(EngineKind kind) throws Exception {
        assertTransferTakesAtLeast(kind, EngineSettings.loopback(),
                EngineSettings.loopback().withRateLimits(LIMIT, 0));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theSeedsUploadLimitHolds(EngineKind kind) throws Exception {
        assertTransferTakesAtLeast(kind, EngineSettings.loopback().withRateLimits(0, LIMIT),
                EngineSettings.loopback());
    }

    private void assertTransferTakesAtLeast(EngineKind kind, EngineSettings seedSettings,
            EngineSettings memberSettings) throws Exception {
        Community c = Community.write(tmp, DATA, 500, 7, "0x04rl");
        try (TorrentEngine seed = EngineFixtures.start(kind, seedSettings);
                TorrentEngine engine = EngineFixtures.start(kind, memberSettings)) {
            seed.seed(c.torrent(), c.owner());
            try (FetchSession fetch = engine.fetch(
                    c.torrent().magnet().withPeers(List.of("127.0.0.1:" + seed.port())), c.member())) {
                Metainfo received = fetch.awaitMetadata(Duration.ofSeconds(60));
                long t0 = System.nanoTime();
                fetch.awaitPieces(bits(0, received.pieceCount()), FetchSession.PieceProgress.NONE);
                double seconds = (System.nanoTime() - t0) / 1e9;
                // less a second of burst: the limiter throttles reads, and loopback socket buffers hold data already sent
                double floor = (received.totalLength() - LIMIT) / (double) LIMIT;
                assertTrue(seconds >= floor * 0.9, received.totalLength() + " bytes at " + LIMIT + " B/s took only "
                        + seconds + " s");
            }
        }
        assertEquals(-1L, Files.mismatch(c.dir().resolve("data"), c.received().resolve("data")));
    }
}
