package org.archivist.storage.bittorrent.internal.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.archivist.storage.bittorrent.internal.testing.Libtorrent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interop (c): the infohash Archivist computes equals libtorrent's for the same files and piece length 102400. */
class LibtorrentInfohashTest {

    @TempDir
    Path root;

    @Test
    void libtorrentAgreesOnTheInfohash() throws Exception {
        Libtorrent.require();
        Path dir = CommunityDirs.write(root, CommunityDirs.CID, 5 * Metainfo.STATUS_PIECE_LENGTH, 777, 11);
        Metainfo torrent = TorrentBuilder.status("0x04ff").build(dir, 1_700_000_000L);
        Path file = Files.write(root.resolve(CommunityDirs.CID + ".torrent"), torrent.bytes());

        try (Libtorrent lt = Libtorrent.start("infohash.py", file.toString(), dir.toString(),
                String.valueOf(Metainfo.STATUS_PIECE_LENGTH))) {
            String loaded = lt.awaitLine("loaded ", Duration.ofSeconds(30));
            String byHand = lt.awaitLine("by_hand ", Duration.ofSeconds(30));
            String pieces = lt.awaitLine("pieces ", Duration.ofSeconds(30));
            assertNotNull(pieces, lt.transcript());
            assertEquals("loaded " + torrent.infoHashHex(), loaded, lt.transcript());
            assertEquals("by_hand " + torrent.infoHashHex(), byHand, lt.transcript());
            assertEquals("pieces 6 piece_length 102400", pieces);
            assertEquals(0, lt.exitCode(Duration.ofSeconds(10)), lt.transcript());
        }
    }
}
