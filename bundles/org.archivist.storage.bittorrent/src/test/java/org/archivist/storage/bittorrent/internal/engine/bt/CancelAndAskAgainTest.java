package org.archivist.storage.bittorrent.internal.engine.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

import bt.metainfo.TorrentId;

/**
 * The last-piece stall (issue 11): a member that drops its assignment cancels every request in flight and asks
 * for the blocks again; an Archivist seed must serve them. bt 1.10 kept each cancel that arrived after its block
 * had been sent and then dropped the block when it was asked for again, so such pieces never completed (fixed
 * by {@link StaleCancelCleaner}). Here the member drops its assignments every 50 ms for the whole transfer, so
 * cancels of blocks already sent are certain: without the fix, each of these downloads stops for good after a
 * few pieces (the stall timeout then fails it); with it, each completes.
 */
class CancelAndAskAgainTest {
    private static final int L = Metainfo.STATUS_PIECE_LENGTH;
    private static final int DOWNLOADS = 3;

    @TempDir
    Path tmp;

    @Test
    void aMemberThatKeepsCancellingAndAskingAgainGetsEveryPiece() throws Exception {
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, 200 * L + 1234, 700, 11);
        Metainfo torrent = TorrentBuilder.status("0x04ca").build(dir, 1_700_000_000L);
        TorrentId id = TorrentId.fromBytes(torrent.infoHash());
        try (BtEngine seed = new BtEngine(EngineSettings.loopback())) {
            seed.seed(torrent, owner);
            for (int i = 0; i < DOWNLOADS; i++) {
                Path member = Files.createDirectories(tmp.resolve("member-" + i));
                // a stall fails the download (retryable EngineException) after this long without a new piece
                try (BtEngine engine = new BtEngine(EngineSettings.loopback().withStallTimeout(Duration.ofSeconds(30)));
                        FetchSession fetch = engine.fetch(
                                torrent.magnet().withPeers(List.of("127.0.0.1:" + seed.port())), member)) {
                    Metainfo received = fetch.awaitMetadata(Duration.ofSeconds(60));
                    BitSet all = new BitSet();
                    all.set(0, received.pieceCount());
                    Thread cancelling = new Thread(() -> {
                        try {
                            while (!Thread.currentThread().isInterrupted()) {
                                Thread.sleep(50);
                                engine.refresher().refresh(id); // drop every assignment: cancel all, ask again
                            }
                        } catch (InterruptedException e) {
                            // done
                        }
                    }, "cancel-storm");
                    cancelling.start();
                    try {
                        fetch.awaitPieces(all, FetchSession.PieceProgress.NONE);
                    } finally {
                        cancelling.interrupt();
                        cancelling.join();
                    }
                }
                for (String file : List.of("data", "index")) {
                    assertEquals(-1L, Files.mismatch(dir.resolve(file), member.resolve(CommunityDirs.CID).resolve(file)),
                            file + " of download " + i);
                }
            }
        }
    }
}
