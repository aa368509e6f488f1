package org.archivist.storage.bittorrent.internal.engine.lt;

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

/**
 * A child JVM for {@link JvmSignalsTest}: one libtorrent engine seeds, another fetches (disk I/O on both sides),
 * then compiled code throws a few million NullPointerExceptions, which the JVM raises through SIGSEGV.
 */
public final class NullChecksAfterTransferChild {
    private NullChecksAfterTransferChild() {
    }

    private static int length(int[] array) {
        return array.length;
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("lt-signals");
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, 20 * Metainfo.STATUS_PIECE_LENGTH, 999, 5);
        Metainfo torrent = TorrentBuilder.status("0x04ab").build(dir, 1_700_000_000L);
        try (LibtorrentEngine seed = LibtorrentEngine.start(EngineSettings.loopback());
                LibtorrentEngine member = LibtorrentEngine.start(EngineSettings.loopback())) {
            seed.seed(torrent, owner);
            try (FetchSession fetch = member.fetch(torrent.magnet().withPeers(List.of("127.0.0.1:" + seed.port())),
                    Files.createDirectories(tmp.resolve("member")))) {
                fetch.awaitMetadata(Duration.ofSeconds(60));
                BitSet all = new BitSet();
                all.set(0, torrent.pieceCount());
                fetch.awaitPieces(all, FetchSession.PieceProgress.NONE);
            }
            System.out.println("TRANSFERRED");
            int caught = 0;
            for (int i = 0; i < 3_000_000; i++) {
                try {
                    length(i % 2 == 0 ? null : new int[1]);
                } catch (NullPointerException e) {
                    caught++;
                }
            }
            System.out.println("NPES " + caught);
        }
        System.out.println("CLOSED");
    }
}
