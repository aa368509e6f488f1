package org.archivist.storage.bittorrent.internal.engine.lt;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;
import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download whose only seed goes away fails after the stall timeout, retryable; a cancelled one throws
 * {@link CancellationException} in the blocked call; no peer for the metadata is a retryable timeout.
 */
class LtStallAndCancelTest {
    private static final int L = Metainfo.STATUS_PIECE_LENGTH;

    @TempDir
    Path tmp;

    @Test
    void aDownloadWhoseSeedIsGoneFailsRetryablyAfterTheStallTimeout() throws Exception {
        Path owner = tmp.resolve("owner");
        Metainfo torrent = TorrentBuilder.status("0x04ab").build(
                CommunityDirs.write(owner, CommunityDirs.CID, 8 * L, 300, 51), 1_700_000_000L);
        LibtorrentEngine seed = LibtorrentEngine.start(EngineSettings.loopback());
        try (LibtorrentEngine engine = LibtorrentEngine.start(EngineSettings.loopback()
                .withStallTimeout(Duration.ofSeconds(2)));
                FetchSession fetch = engine.fetch(torrent.magnet().withPeers(List.of("127.0.0.1:" + seed.port())),
                        Files.createDirectories(tmp.resolve("member")))) {
            seed.seed(torrent, owner);
            fetch.awaitMetadata(Duration.ofSeconds(30));
            seed.close();
            BitSet all = new BitSet();
            all.set(0, torrent.pieceCount());
            EngineException e = assertThrows(EngineException.class,
                    () -> fetch.awaitPieces(all, FetchSession.PieceProgress.NONE));
            assertTrue(e.retryable(), e.getMessage());
            assertTrue(e.getMessage().contains("no wanted piece arrived"), e.getMessage());
        } finally {
            seed.close();
        }
    }

    @Test
    void noPeerForTheMetadataIsARetryableTimeoutAndCancelUnblocks() throws Exception {
        Path owner = tmp.resolve("owner");
        Metainfo torrent = TorrentBuilder.status("0x04ab").build(
                CommunityDirs.write(owner, CommunityDirs.CID, 2 * L, 300, 52), 1_700_000_000L);
        try (LibtorrentEngine engine = LibtorrentEngine.start(EngineSettings.loopback());
                FetchSession fetch = engine.fetch(torrent.magnet().withPeers(List.of("127.0.0.1:9")),
                        Files.createDirectories(tmp.resolve("member")))) {
            EngineException e = assertThrows(EngineException.class, () -> fetch.awaitMetadata(Duration.ofSeconds(1)));
            assertTrue(e.retryable(), e.getMessage());
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException ignored) {
                    return;
                }
                fetch.cancel();
            });
            canceller.start();
            assertThrows(CancellationException.class, () -> fetch.awaitMetadata(Duration.ofSeconds(60)));
            canceller.join();
        }
    }
}
