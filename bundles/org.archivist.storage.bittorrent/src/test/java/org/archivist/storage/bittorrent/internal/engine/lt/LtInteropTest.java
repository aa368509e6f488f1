package org.archivist.storage.bittorrent.internal.engine.lt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;
import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.archivist.storage.bittorrent.internal.testing.Libtorrent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interop (a) and (b) with python3-libtorrent on loopback, no DHT, no trackers. */
class LtInteropTest {
    private static final int L = Metainfo.STATUS_PIECE_LENGTH;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @BeforeAll
    static void libtorrentIsThere() {
        Libtorrent.require();
    }

    @Test
    void libtorrentDownloadsWhatArchivistSeeds() throws Exception {
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, 20 * L, 3 * L + 99, 21);
        Metainfo torrent = TorrentBuilder.status("0x04aa").build(dir, 1_700_000_000L);
        Path member = Files.createDirectories(tmp.resolve("member"));

        try (LibtorrentEngine engine = LibtorrentEngine.start(EngineSettings.loopback())) {
            engine.seed(torrent, owner);
            assertTrue(engine.isSeeding(torrent.infoHashHex()));
            try (Libtorrent lt = Libtorrent.start("download.py", torrent.magnet().toString(), member.toString(),
                    "127.0.0.1:" + engine.port(), String.valueOf(DEADLINE.toSeconds()))) {
                assertNotNull(lt.awaitLine("DONE", DEADLINE.plusSeconds(10)), lt.transcript());
            }
        }
        assertSameFile(dir.resolve("data"), member.resolve(CommunityDirs.CID).resolve("data"));
        assertSameFile(dir.resolve("index"), member.resolve(CommunityDirs.CID).resolve("index"));
    }

    @Test
    void archivistDownloadsTheIndexThenOnlyTheWantedPiecesFromLibtorrent() throws Exception {
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, 12 * L, L + 500, 22);
        Metainfo torrent = TorrentBuilder.status("0x04bb").build(dir, 1_700_000_000L);
        Path file = Files.write(tmp.resolve("c.torrent"), torrent.bytes());
        Path member = Files.createDirectories(tmp.resolve("member"));

        try (Libtorrent seeder = Libtorrent.start("seed.py", file.toString(), owner.toString(), "120");
                LibtorrentEngine engine = LibtorrentEngine.start(EngineSettings.loopback())) {
            String seeding = seeder.awaitLine("SEEDING", DEADLINE);
            assertNotNull(seeding, seeder.transcript());
            String peer = "127.0.0.1:" + seeding.split(" ")[1];
            try (FetchSession fetch = engine.fetch(torrent.magnet().withPeers(List.of(peer)), member)) {
                Metainfo received = fetch.awaitMetadata(DEADLINE);
                assertEquals(torrent.infoHashHex(), received.infoHashHex());

                long indexAt = received.fileOffset("index").orElseThrow();
                Metainfo.PieceSpan indexPieces = received.piecesOf(indexAt, received.file("index").orElseThrow().length());
                List<int[]> progress = new ArrayList<>();
                fetch.awaitPieces(bits(indexPieces.first(), indexPieces.end()),
                        (done, total, doneBytes, totalBytes) -> progress.add(new int[] {done, total}));
                assertArrayEquals(new int[] {2, 2}, progress.get(progress.size() - 1));
                // pieces 3..5 (say, one archive of the data file)
                fetch.awaitPieces(bits(3, 6), FetchSession.PieceProgress.NONE);
                BitSet verified = fetch.verifiedPieces();
                BitSet expected = bits(3, 6);
                expected.or(bits(indexPieces.first(), indexPieces.end()));
                assertEquals(expected, verified, "only the index and the wanted archive pieces are fetched");
            }
        }
        Path got = member.resolve(CommunityDirs.CID);
        assertSameFile(dir.resolve("index"), got.resolve("index"));
        byte[] want = Arrays.copyOfRange(Files.readAllBytes(dir.resolve("data")), 3 * L, 6 * L);
        byte[] have = Arrays.copyOfRange(Files.readAllBytes(got.resolve("data")), 3 * L, 6 * L);
        assertArrayEquals(want, have);
        byte[] before = Arrays.copyOfRange(Files.readAllBytes(got.resolve("data")), 0, 3 * L);
        assertFalse(Arrays.equals(before, Arrays.copyOfRange(Files.readAllBytes(dir.resolve("data")), 0, 3 * L)),
                "pieces that were not asked for were not written");
    }

    @Test
    void archivistDownloadsFromALibtorrentSeedThatRequiresEncryption() throws Exception {
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, 16 * L, L + 321, 23);
        Metainfo torrent = TorrentBuilder.status("0x04dd").build(dir, 1_700_000_000L);
        Path file = Files.write(tmp.resolve("e.torrent"), torrent.bytes());
        Path member = Files.createDirectories(tmp.resolve("member"));

        try (Libtorrent seeder = Libtorrent.startRequiringEncryption("seed.py", file.toString(), owner.toString(),
                "120");
                LibtorrentEngine engine = LibtorrentEngine.start(EngineSettings.loopback())) {
            String seeding = seeder.awaitLine("SEEDING", DEADLINE);
            assertNotNull(seeding, seeder.transcript());
            String peer = "127.0.0.1:" + seeding.split(" ")[1];
            try (FetchSession fetch = engine.fetch(torrent.magnet().withPeers(List.of(peer)), member)) {
                Metainfo received = fetch.awaitMetadata(DEADLINE);
                fetch.awaitPieces(bits(0, received.pieceCount()), FetchSession.PieceProgress.NONE);
            }
        }
        assertSameFile(dir.resolve("data"), member.resolve(CommunityDirs.CID).resolve("data"));
        assertSameFile(dir.resolve("index"), member.resolve(CommunityDirs.CID).resolve("index"));
    }

    /**
     * bt 1.10 accepted libtorrent's encrypted (pe_forced, RC4) connection but decrypted the handshake's leftovers
     * twice, so no piece ever flowed; {@link IncomingHandshake} answers incoming connections now.
     */
    @Test
    void libtorrentRequiringEncryptionDownloadsWhatArchivistSeeds() throws Exception {
        Path owner = tmp.resolve("owner");
        Path dir = CommunityDirs.write(owner, CommunityDirs.CID, 12 * L, 2 * L + 5, 24);
        Metainfo torrent = TorrentBuilder.status("0x04ee").build(dir, 1_700_000_000L);
        Path member = Files.createDirectories(tmp.resolve("member"));

        try (LibtorrentEngine engine = LibtorrentEngine.start(EngineSettings.loopback())) {
            engine.seed(torrent, owner);
            try (Libtorrent lt = Libtorrent.startRequiringEncryption("download.py", torrent.magnet().toString(),
                    member.toString(), "127.0.0.1:" + engine.port(), String.valueOf(DEADLINE.toSeconds()))) {
                assertNotNull(lt.awaitLine("DONE", DEADLINE.plusSeconds(10)), lt.transcript());
            }
        }
        assertSameFile(dir.resolve("data"), member.resolve(CommunityDirs.CID).resolve("data"));
        assertSameFile(dir.resolve("index"), member.resolve(CommunityDirs.CID).resolve("index"));
    }

    static BitSet bits(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to);
        return b;
    }

    static void assertSameFile(Path expected, Path actual) throws Exception {
        assertTrue(Files.exists(actual), actual + " missing");
        assertEquals(Files.size(expected), Files.size(actual), actual + " size");
        assertEquals(-1L, Files.mismatch(expected, actual), actual + " differs from " + expected);
    }
}
