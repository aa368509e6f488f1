package org.archivist.storage.bittorrent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;
import org.archivist.storage.bittorrent.internal.testing.Archives;
import org.archivist.storage.bittorrent.internal.testing.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The torrent written on commit, built from the previous torrent's hashes and those taken in the background
 * while the archives were appended, is byte for byte the one a full hash of the files gives: on a first
 * publish, on one appending to committed archives, and without a previous torrent to take hashes from.
 */
class IncrementalTorrentTest {
    private static final int L = Metainfo.STATUS_PIECE_LENGTH;

    @TempDir
    Path tmp;

    @Test
    void everyPublishWritesTheTorrentAFullHashGives() throws Exception {
        Path torrentFile = tmp.resolve("owner/torrents").resolve(Archives.COMMUNITY.hex() + ".torrent");
        try (BitTorrentBackend owner = Backends.start(tmp.resolve("owner"), List.of())) {
            Archives.publish(owner, Archives.COMMUNITY, 0, new int[][] {{20, 5000}, {1, 100}}, 1);
            assertFullHash(torrentFile);
            Archives.publish(owner, Archives.COMMUNITY, 2, new int[][] {{40, 6000}, {2, 200}}, 2);
            assertFullHash(torrentFile);
            Files.delete(torrentFile);
            Archives.publish(owner, Archives.COMMUNITY, 4, new int[][] {{3, 300}}, 3);
            assertFullHash(torrentFile);
            assertTrue(owner.isSeeding(Archives.COMMUNITY));
        }
    }

    @Test
    void appendedArchivesAreHashedPieceByPieceAndAGapGivesUp() throws Exception {
        Path data = tmp.resolve("data");
        byte[] bytes = new byte[5 * L];
        new Random(7).nextBytes(bytes);
        Files.write(data, bytes);
        try (AppendedPieceHashes hashes = new AppendedPieceHashes(data, L)) {
            hashes.appended(new PieceRange(2L * L, 2L * L, 10));
            hashes.appended(new PieceRange(4L * L, L, L - 1));
            AppendedPieceHashes.Pieces pieces = hashes.await().orElseThrow();
            assertEquals(2, pieces.firstPiece());
            assertEquals(3, pieces.hashes().size());
            for (int p = 0; p < 3; p++) {
                byte[] piece = Arrays.copyOfRange(bytes, (2 + p) * L, (3 + p) * L);
                assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(piece), pieces.hashes().get(p), "piece " + p);
            }
        }
        try (AppendedPieceHashes gap = new AppendedPieceHashes(data, L)) {
            gap.appended(new PieceRange(0, L, 1));
            gap.appended(new PieceRange(2L * L, L, 1));
            assertEquals(Optional.empty(), gap.await(), "not contiguous: the commit hashes the files");
        }
        try (AppendedPieceHashes pastTheEnd = new AppendedPieceHashes(data, L)) {
            pastTheEnd.appended(new PieceRange(4L * L, 2L * L, 1));
            assertEquals(Optional.empty(), pastTheEnd.await(), "a failed read: the commit hashes the files");
        }
    }

    private static void assertFullHash(Path torrentFile) throws Exception {
        Metainfo written = Metainfo.read(torrentFile);
        Metainfo full = TorrentBuilder.status("0x04" + "00".repeat(64)).build(
                torrentFile.getParent().resolveSibling("archivedata").resolve(Archives.COMMUNITY.hex()),
                written.creationDate().orElseThrow());
        assertArrayEquals(full.bytes(), written.bytes());
    }
}
