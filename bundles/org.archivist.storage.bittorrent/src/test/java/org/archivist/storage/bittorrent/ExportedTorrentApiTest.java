package org.archivist.storage.bittorrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.storage.bittorrent.internal.testing.Archives;
import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported torrent API the offline tool is built on: build, parse, magnet links, a whole download. */
class ExportedTorrentApiTest {
    @TempDir
    Path tmp;

    @Test
    void aBuiltTorrentParsesBackToTheSameInfohashAndMagnet() throws Exception {
        Path dir = CommunityDirs.write(tmp, CommunityDirs.CID, 250_000, 300, 7);

        StatusTorrent built = StatusTorrent.build(dir, "test", 1_600_000_000L);
        StatusTorrent parsed = StatusTorrent.parse(built.bytes());

        assertEquals(built.infoHashHex(), parsed.infoHashHex());
        assertEquals(CommunityDirs.CID, parsed.name());
        assertEquals(102_400, parsed.pieceLength());
        assertEquals(3, parsed.pieceCount()); // 250 300 bytes in pieces of 102 400
        assertEquals(List.of(new TorrentFile("data", 250_000), new TorrentFile("index", 300)), parsed.files());
        assertEquals(250_000, parsed.fileOffset(StatusTorrent.INDEX_FILE).getAsLong());
        assertTrue(parsed.fileLength("nothing").isEmpty());
        assertEquals(20, parsed.pieceHash(2).length);
        assertThrows(IndexOutOfBoundsException.class, () -> parsed.pieceHash(3));
        MagnetUri magnet = MagnetUri.parse(parsed.magnet().toString());
        assertEquals(parsed.infoHashHex(), magnet.infoHashHex());
        assertEquals(CommunityDirs.CID, magnet.displayName().orElseThrow());
        assertEquals(List.of("127.0.0.1:9"), magnet.withPeers(List.of("127.0.0.1:9")).peers());
    }

    @Test
    void everyRejectionIsAnInvalidTorrentException() {
        assertThrows(InvalidTorrentException.class, () -> StatusTorrent.parse("d4:infoi1ee".getBytes()));
        assertThrows(InvalidTorrentException.class, () -> StatusTorrent.parse(new byte[0]));
        assertThrows(InvalidTorrentException.class, () -> MagnetUri.parse("magnet:?xt=urn:btih:zz"));
        assertThrows(InvalidTorrentException.class, () -> Bencoding.decode("i01e".getBytes()));
        assertEquals(42L, assertDoesNotThrow(() -> Bencoding.decode("i42e".getBytes())));
        Path big = tmp.resolve("big.torrent");
        assertThrows(InvalidTorrentException.class, () -> {
            try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
                f.setLength(StatusTorrent.MAX_TORRENT_BYTES + 1L);
            }
            StatusTorrent.read(big);
        });
    }

    @Test
    void aDownloaderFetchesAWholeSetFromAnEmbeddedSeed() throws Exception {
        try (BitTorrentBackends.EmbeddedBitTorrent seed = BitTorrentBackends.embedded(tmp.resolve("seed")).start()) {
            String link = Archives.publish(seed.backend(), Archives.COMMUNITY, 0, new int[][] {{20, 5000}, {3, 90_000}},
                    1).link();
            Path source = seed.communityDir(Archives.COMMUNITY);
            assertTrue(Files.isRegularFile(seed.torrentFile(Archives.COMMUNITY)));
            AtomicLong lastDone = new AtomicLong();
            try (TorrentDownloader downloader = TorrentDownloader.builder().bind(InetAddress.getLoopbackAddress())
                    .trackers(false).stallTimeout(Duration.ofSeconds(60)).start();
                    TorrentDownload download = downloader.download(
                            MagnetUri.parse(link).withPeers(List.of("127.0.0.1:" + seed.port())), tmp.resolve("got"))) {
                assertThrows(IllegalStateException.class, () -> download.awaitAll((a, b, c, d) -> { }));
                StatusTorrent torrent = download.awaitMetadata(Duration.ofSeconds(60));
                download.awaitAll((donePieces, totalPieces, doneBytes, totalBytes) -> lastDone.set(doneBytes));
                assertEquals(torrent.totalLength(), lastDone.get());
            }
            Path got = tmp.resolve("got").resolve(Archives.COMMUNITY.hex());
            for (String f : List.of(StatusTorrent.DATA_FILE, StatusTorrent.INDEX_FILE)) {
                assertArrayEquals(Files.readAllBytes(source.resolve(f)), Files.readAllBytes(got.resolve(f)), f);
            }
        }
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }
}
