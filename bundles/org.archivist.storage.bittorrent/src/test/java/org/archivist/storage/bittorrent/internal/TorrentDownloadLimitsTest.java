package org.archivist.storage.bittorrent.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.StorageException;
import org.archivist.core.format.DecodeLimits;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.bt.BtEngine;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;
import org.archivist.storage.bittorrent.internal.testing.Backends;
import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes a torrent or an index claims are checked before anything is fetched or allocated (issue 12): a
 * seed whose index is larger than any accepted, an archive claim larger than any accepted, and a claim that
 * overflows past the data file each end in a clear non-retryable error instead of a fetch or an allocation.
 */
class TorrentDownloadLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void oversizedIndexAndArchiveClaimsAreRefusedBeforeFetching() throws Exception {
        Path owner = tmp.resolve("owner");
        Path dir = Files.createDirectories(owner.resolve(CommunityDirs.CID));
        sparse(dir.resolve("data"), DecodeLimits.DEFAULT.maxArchiveBytes() + 1L);
        sparse(dir.resolve("index"), DecodeLimits.DEFAULT.maxIndexBytes() + 1L);
        Metainfo torrent = TorrentBuilder.status("0x04ff").build(dir, 1_700_000_000L);

        try (BtEngine seed = new BtEngine(EngineSettings.loopback())) {
            seed.seed(torrent, owner);
            String peer = "127.0.0.1:" + seed.port();
            try (BitTorrentBackend member = Backends.start(tmp.resolve("member"), List.of(peer));
                    ArchiveDownload download = member.download(CommunityId.of(CommunityDirs.CID),
                            torrent.magnet().toString())) {
                StorageException index = assertThrows(StorageException.class, download::index);
                assertTrue(index.getMessage().contains("claims an index of " + torrent.file("index").orElseThrow()
                        .length() + " bytes"), index.getMessage());
                assertFalse(index.retryable());

                StorageException archive = assertThrows(StorageException.class, () -> download.archive(
                        new ArchiveLocation.PieceRange(0, DecodeLimits.DEFAULT.maxArchiveBytes() + 1L, 0),
                        (done, total) -> { }));
                assertTrue(archive.getMessage().contains("claims an archive of"), archive.getMessage());

                StorageException outside = assertThrows(StorageException.class, () -> download.archive(
                        new ArchiveLocation.PieceRange(Long.MAX_VALUE - 10, 20, 0), (done, total) -> { }));
                assertTrue(outside.getMessage().contains("lies outside"), outside.getMessage());
            }
        }
    }

    private static void sparse(Path file, long length) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }
}
