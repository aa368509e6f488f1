package org.archivist.storage.bittorrent.internal.engine;

import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.DEADLINE;
import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.L;
import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.bits;
import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.loopbackPeer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

import org.archivist.storage.bittorrent.internal.engine.EngineFixtures.Community;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.testing.Libtorrent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop (a) and (b) with python3-libtorrent on loopback, no DHT, no trackers, for each engine. For bt, the
 * encrypted cases cover {@code IncomingHandshake}: bt 1.10 accepted libtorrent's encrypted (pe_forced, RC4)
 * connection but decrypted the handshake's leftovers twice, so no piece ever flowed.
 */
class LibtorrentInteropTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void libtorrentIsThere() {
        Libtorrent.require();
    }

    /** Every engine, with a libtorrent downloader that accepts plaintext and with one that requires encryption. */
    static Stream<Arguments> kindsAndEncryption() {
        return Stream.of(EngineKind.values()).flatMap(kind -> Stream.of(Arguments.of(kind, false),
                Arguments.of(kind, true)));
    }

    @ParameterizedTest(name = "{0}, libtorrent requires encryption: {1}")
    @MethodSource("kindsAndEncryption")
    void libtorrentDownloadsWhatArchivistSeeds(EngineKind kind, boolean requireEncryption) throws Exception {
        Community c = requireEncryption ? Community.write(tmp, 12 * L, 2 * L + 5, 24, "0x04ee")
                : Community.write(tmp, 20 * L, 3 * L + 99, 21, "0x04aa");
        try (TorrentEngine engine = EngineFixtures.start(kind, EngineSettings.loopback())) {
            engine.seed(c.torrent(), c.owner());
            assertTrue(engine.isSeeding(c.torrent().infoHashHex()));
            String[] args = {c.torrent().magnet().toString(), c.member().toString(), "127.0.0.1:" + engine.port(),
                    String.valueOf(DEADLINE.toSeconds())};
            try (Libtorrent lt = requireEncryption ? Libtorrent.startRequiringEncryption("download.py", args)
                    : Libtorrent.start("download.py", args)) {
                assertNotNull(lt.awaitLine("DONE", DEADLINE.plusSeconds(10)), lt.transcript());
            }
        }
        c.assertMemberHasAll();
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void archivistDownloadsTheIndexThenOnlyTheWantedPiecesFromLibtorrent(EngineKind kind) throws Exception {
        Community c = Community.write(tmp, 12 * L, L + 500, 22, "0x04bb");
        Metainfo torrent = c.torrent();
        Path file = c.torrentFile("c.torrent");

        try (Libtorrent seeder = Libtorrent.start("seed.py", file.toString(), c.owner().toString(), "120");
                TorrentEngine engine = EngineFixtures.start(kind, EngineSettings.loopback())) {
            String peer = loopbackPeer(seeder, "SEEDING");
            try (FetchSession fetch = engine.fetch(torrent.magnet().withPeers(List.of(peer)), c.member())) {
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
        Path got = c.received();
        EngineFixtures.assertSameFile(c.dir().resolve("index"), got.resolve("index"));
        byte[] want = Arrays.copyOfRange(Files.readAllBytes(c.dir().resolve("data")), 3 * L, 6 * L);
        byte[] have = Arrays.copyOfRange(Files.readAllBytes(got.resolve("data")), 3 * L, 6 * L);
        assertArrayEquals(want, have);
        byte[] before = Arrays.copyOfRange(Files.readAllBytes(got.resolve("data")), 0, 3 * L);
        assertFalse(Arrays.equals(before, Arrays.copyOfRange(Files.readAllBytes(c.dir().resolve("data")), 0, 3 * L)),
                "pieces that were not asked for were not written");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void archivistDownloadsFromALibtorrentSeedThatRequiresEncryption(EngineKind kind) throws Exception {
        Community c = Community.write(tmp, 16 * L, L + 321, 23, "0x04dd");
        Path file = c.torrentFile("e.torrent");

        try (Libtorrent seeder = Libtorrent.startRequiringEncryption("seed.py", file.toString(),
                c.owner().toString(), "120");
                TorrentEngine engine = EngineFixtures.start(kind, EngineSettings.loopback())) {
            String peer = loopbackPeer(seeder, "SEEDING");
            try (FetchSession fetch = engine.fetch(c.torrent().magnet().withPeers(List.of(peer)), c.member())) {
                Metainfo received = fetch.awaitMetadata(DEADLINE);
                fetch.awaitPieces(bits(0, received.pieceCount()), FetchSession.PieceProgress.NONE);
            }
        }
        c.assertMemberHasAll();
    }

}
