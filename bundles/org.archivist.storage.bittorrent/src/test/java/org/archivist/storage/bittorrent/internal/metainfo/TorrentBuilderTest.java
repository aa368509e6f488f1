package org.archivist.storage.bittorrent.internal.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentBuilderTest {
    private static final int L = Metainfo.STATUS_PIECE_LENGTH;

    @TempDir
    Path root;

    @Test
    void buildsTheStatusLayoutWithKeysInStatusOrder() throws Exception {
        Path dir = CommunityDirs.write(root, CommunityDirs.CID, 3 * L, 1234, 1);
        Metainfo torrent = TorrentBuilder.status("0x04abcd").build(dir, 1_700_000_000L);

        String text = new String(torrent.bytes(), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("d13:announce-listll42:udp://tracker.opentrackr.org:1337/announceel"
                + "46:udp://tracker.openbittorrent.com:6969/announceee10:created by8:0x04abcd"
                + "13:creation datei1700000000e4:infod5:filesld6:lengthi307200e4:pathl4:dataeed6:lengthi1234e"
                + "4:pathl5:indexeee4:name68:" + CommunityDirs.CID + "12:piece lengthi102400e6:pieces80:"), text);
        assertEquals(CommunityDirs.CID, torrent.name());
        assertEquals(4, torrent.pieceCount());
        assertEquals(Optional.of(3L * L), torrent.fileOffset("index"));
        assertEquals(new Metainfo.PieceSpan(3, 4), torrent.piecesOf(3L * L, 1234));
    }

    @Test
    void piecesAreSha1OfDataThenIndexWithAShortLastPiece() throws Exception {
        Path dir = CommunityDirs.write(root, CommunityDirs.CID, 2 * L, L + 17, 2);
        Metainfo torrent = TorrentBuilder.status("x").build(dir, 0);
        byte[] stream = concat(Files.readAllBytes(dir.resolve("data")), Files.readAllBytes(dir.resolve("index")));
        assertEquals(4, torrent.pieceCount());
        for (int p = 0; p < 4; p++) {
            byte[] piece = Arrays.copyOfRange(stream, p * L, Math.min(stream.length, (p + 1) * L));
            assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(piece), torrent.pieceHash(p), "piece " + p);
        }
    }

    @Test
    void knownDataPiecesAreTakenAsGivenAndOnlyTheRestIsHashed() throws Exception {
        Path dir = CommunityDirs.write(root, CommunityDirs.CID, 3 * L, L + 17, 3);
        Metainfo full = TorrentBuilder.status("x").build(dir, 0);
        Metainfo known = TorrentBuilder.status("x").build(dir, 0, List.of(full.pieceHash(0), full.pieceHash(1)));
        assertArrayEquals(full.bytes(), known.bytes());

        byte[] stale = new byte[20];
        Metainfo trusted = TorrentBuilder.status("x").build(dir, 0, List.of(stale));
        assertArrayEquals(stale, trusted.pieceHash(0), "a known piece is not read again");
        for (int p = 1; p < full.pieceCount(); p++) {
            assertArrayEquals(full.pieceHash(p), trusted.pieceHash(p), "piece " + p);
        }
        List<byte[]> pastTheData = List.of(stale, stale, stale, stale);
        assertThrows(IllegalArgumentException.class, () -> TorrentBuilder.status("x").build(dir, 0, pastTheData));
    }

    @Test
    void parsingGivesBackTheSameTorrentAndInfohash() throws Exception {
        Path dir = CommunityDirs.write(root, CommunityDirs.CID, L, 10, 3);
        Metainfo built = TorrentBuilder.status("node").build(dir, 5);
        Metainfo parsed = Metainfo.parse(built.bytes());
        assertEquals(built.infoHashHex(), parsed.infoHashHex());
        assertEquals(Metainfo.STATUS_TRACKERS, parsed.trackers());
        assertEquals(List.of(new TorrentFileEntry(List.of("data"), L), new TorrentFileEntry(List.of("index"), 10)),
                parsed.files());
        assertEquals(Optional.of("node"), parsed.createdBy());
        assertEquals(Optional.of(5L), parsed.creationDate());
        assertEquals(built.magnet().toString(), parsed.magnet().toString());

        Metainfo noTrackers = parsed.withTrackers(List.of());
        assertEquals(parsed.infoHashHex(), noTrackers.infoHashHex());
        assertEquals(List.of(), Metainfo.parse(noTrackers.bytes()).trackers());
        assertEquals(parsed.infoHashHex(), Metainfo.parseInfo(parsed.infoBytes()).infoHashHex());
    }

    @Test
    void emptyIndexAndEmptyDataStillMakeATorrent() throws Exception {
        Path dir = CommunityDirs.write(root, CommunityDirs.CID, 0, 5, 4);
        assertEquals(1, TorrentBuilder.status("x").build(dir, 0).pieceCount());
    }

    @Test
    void aDirectoryWithoutIndexIsRefusedByName() throws IOException {
        Path dir = Files.createDirectories(root.resolve(CommunityDirs.CID));
        Files.write(dir.resolve("data"), new byte[10]);
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TorrentBuilder.status("x").build(dir, 0));
        assertTrue(e.getMessage().contains("index"), e.getMessage());
    }

    @Test
    void refusesTorrentsThatAreNotStatusShaped() {
        byte[] single = Bencode.encode(java.util.Map.of("info", java.util.Map.of("name", "x", "length", 3L,
                "piece length", 16384L, "pieces", new byte[20])));
        BencodeException e = assertThrows(BencodeException.class, () -> Metainfo.parse(single));
        assertTrue(e.getMessage().contains("multi-file"), e.getMessage());
        byte[] wrongCount = Bencode.encode(java.util.Map.of("info", java.util.Map.of("name", "x", "files",
                List.of(java.util.Map.of("length", 3L, "path", List.of("data"))), "piece length", 16384L,
                "pieces", new byte[40])));
        assertThrows(BencodeException.class, () -> Metainfo.parse(wrongCount));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
