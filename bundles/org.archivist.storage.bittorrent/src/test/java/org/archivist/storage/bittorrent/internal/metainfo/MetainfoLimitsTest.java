package org.archivist.storage.bittorrent.internal.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile torrents: sizes, counts, depth and file names are bounded before anything is built from them. */
class MetainfoLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void aWellFormedStatusTorrentPasses() throws Exception {
        Metainfo m = Metainfo.parseInfo(info("0x02ab", List.of(file(List.of("data"), 10), file(List.of("index"), 5)),
                1));
        assertEquals("0x02ab", m.name());
        assertEquals(15, m.totalLength());
    }

    @Test
    void namesThatWouldEscapeTheDataDirectoryAreRefused() {
        for (String bad : List.of("..", ".", "", "a/b", "..\\x", "nul\0")) {
            BencodeException e = assertThrows(BencodeException.class,
                    () -> Metainfo.parseInfo(info(bad, List.of(file(List.of("data"), 10)), 1)), bad);
            assertTrue(e.getMessage().contains("not a safe file name"), e.getMessage());
            assertThrows(BencodeException.class,
                    () -> Metainfo.parseInfo(info("ok", List.of(file(List.of("x", bad), 10)), 1)), bad);
        }
    }

    @Test
    void lengthsThatOverflowOrAreNegativeAreRefused() {
        long huge = 1L << 62;
        BencodeException e = assertThrows(BencodeException.class, () -> Metainfo.parseInfo(
                info("n", List.of(file(List.of("data"), huge), file(List.of("index"), huge)), 1)));
        assertTrue(e.getMessage().contains("may total at most"), e.getMessage());
        assertThrows(BencodeException.class,
                () -> Metainfo.parseInfo(info("n", List.of(file(List.of("data"), -1)), 1)));
        assertThrows(BencodeException.class, () -> Metainfo.parseInfo(info("n", List.of(), 0)));
    }

    @Test
    void tooManyFilesOrTooDeepPathsAreRefused() {
        List<Object> many = new java.util.ArrayList<>();
        for (int i = 0; i <= Metainfo.MAX_FILES; i++) {
            many.add(file(List.of("f" + i), 0));
        }
        assertThrows(BencodeException.class, () -> Metainfo.parseInfo(info("n", many, 0)));
        List<String> deep = java.util.Collections.nCopies(33, "d");
        assertThrows(BencodeException.class, () -> Metainfo.parseInfo(info("n", List.of(file(deep, 1)), 1)));
    }

    @Test
    void anOversizedTorrentFileIsRefusedBeforeItIsRead() throws Exception {
        Path file = tmp.resolve("huge.torrent");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(1L << 40); // sparse: 1 TiB claimed, nothing on disk
        }
        long t0 = System.nanoTime();
        BencodeException e = assertThrows(BencodeException.class, () -> Metainfo.read(file));
        assertTrue(e.getMessage().contains("larger than any torrent accepted"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "the file was read");
        assertThrows(BencodeException.class, () -> Metainfo.parse(new byte[Metainfo.MAX_TORRENT_BYTES + 1]));
        Files.delete(file);
    }

    @Test
    void deepNestingIsRefused() {
        byte[] deep = ("l".repeat(100) + "e".repeat(100)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        BencodeException e = assertThrows(BencodeException.class, () -> Bencode.decode(deep));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
    }

    private static Map<String, Object> file(List<String> path, long length) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("length", length);
        f.put("path", path);
        return f;
    }

    private static byte[] info(String name, List<?> files, int pieces) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("files", files);
        info.put("name", name);
        info.put("piece length", 102400L);
        info.put("pieces", new byte[20 * pieces]);
        return Bencode.encode(info);
    }
}
