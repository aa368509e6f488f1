package org.archivist.storage.bittorrent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.storage.StorageException;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.testing.Archives;
import org.archivist.storage.bittorrent.internal.testing.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner's stored archives hashed again, piece by piece, against the torrent it seeds. */
class StoredPieceVerifierTest {
    /** Three archives of about 100 KB, 100 B and 240 KB (the last spans three pieces of 100 KiB). */
    private static final int[][] THREE = {{20, 5000}, {1, 100}, {40, 6000}};

    @TempDir
    Path tmp;

    @Test
    void everyPieceOfAnUntouchedArchiveMatchesItsTorrentHash() throws Exception {
        try (BitTorrentBackend owner = Backends.start(tmp.resolve("owner"), List.of())) {
            Archives.Result published = Archives.publish(owner, Archives.COMMUNITY, 0, THREE, 3);
            for (Archives.Published archive : published.archives()) {
                assertEquals(List.of(), owner.mismatchedPieces(Archives.COMMUNITY, archive.entry().location()));
            }
        }
    }

    @Test
    void aFlippedByteInTheDataFileIsFoundInExactlyThePieceHoldingIt() throws Exception {
        try (BitTorrentBackend owner = Backends.start(tmp.resolve("owner"), List.of())) {
            Archives.Result published = Archives.publish(owner, Archives.COMMUNITY, 0, THREE, 4);
            PieceRange third = (PieceRange) published.archives().get(2).entry().location();
            long flipAt = third.offset() + third.blobLength() / 2;
            flip(data(), flipAt);

            int piece = (int) (flipAt / Metainfo.STATUS_PIECE_LENGTH);
            assertEquals(List.of(piece), owner.mismatchedPieces(Archives.COMMUNITY, third));
            assertTrue(piece > third.offset() / Metainfo.STATUS_PIECE_LENGTH, "a piece inside the archive, not its first");
            for (Archives.Published other : published.archives().subList(0, 2)) {
                assertEquals(List.of(), owner.mismatchedPieces(Archives.COMMUNITY, other.entry().location()),
                        "the other archives' pieces are untouched");
            }
            byte[] readBack = owner.readStored(Archives.COMMUNITY, third);
            assertFalse(java.util.Arrays.equals(published.archives().get(2).blob(), readBack),
                    "the stored copy changed, read back as it is");

            flip(data(), flipAt);
            assertEquals(List.of(), owner.mismatchedPieces(Archives.COMMUNITY, third), "flipped back: sound again");
            assertArrayEquals(published.archives().get(2).blob(), owner.readStored(Archives.COMMUNITY, third));
        }
    }

    @Test
    void aTruncatedDataFileFailsTheArchivesItCut() throws Exception {
        try (BitTorrentBackend owner = Backends.start(tmp.resolve("owner"), List.of())) {
            Archives.Result published = Archives.publish(owner, Archives.COMMUNITY, 0, THREE, 5);
            PieceRange third = (PieceRange) published.archives().get(2).entry().location();
            try (RandomAccessFile f = new RandomAccessFile(data().toFile(), "rw")) {
                f.setLength(third.offset() + 10);
            }
            List<Integer> bad = owner.mismatchedPieces(Archives.COMMUNITY, third);
            assertEquals(third.size() / Metainfo.STATUS_PIECE_LENGTH, bad.size(), "every piece of the cut archive: " + bad);
            assertEquals(List.of(), owner.mismatchedPieces(Archives.COMMUNITY,
                    published.archives().get(0).entry().location()));
        }
    }

    @Test
    void whatItCannotCheckIsATypedErrorSayingWhetherItMayBeCheckedLater() throws Exception {
        try (BitTorrentBackend owner = Backends.start(tmp.resolve("owner"), List.of())) {
            PieceRange first = new PieceRange(0, Metainfo.STATUS_PIECE_LENGTH, 10);
            StorageException none = assertThrows(StorageException.class,
                    () -> owner.mismatchedPieces(Archives.COMMUNITY, first));
            assertTrue(none.retryable(), "no torrent yet: " + none.getMessage());

            Archives.publish(owner, Archives.COMMUNITY, 0, THREE, 6);
            long dataLength = Files.size(data());
            StorageException beyond = assertThrows(StorageException.class, () -> owner.mismatchedPieces(
                    Archives.COMMUNITY, new PieceRange(dataLength, Metainfo.STATUS_PIECE_LENGTH, 0)));
            assertTrue(beyond.retryable(), "past the stored torrent: " + beyond.getMessage());
            assertTrue(beyond.getMessage().contains("does not cover"), beyond.getMessage());

            StorageException codex = assertThrows(StorageException.class, () -> owner.mismatchedPieces(
                    Archives.COMMUNITY, new ArchiveLocation.ContentAddress("zDvZRwzm")));
            assertFalse(codex.retryable(), codex.getMessage());
        }
    }

    private Path data() {
        return tmp.resolve("owner/archivedata").resolve(Archives.COMMUNITY.hex()).resolve(Metainfo.DATA_FILE);
    }

    private static void flip(Path file, long at) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
    }
}
