package org.archivist.storage.bittorrent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.IndexEntry;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageException;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.IndexCodec;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.testing.Archives;
import org.archivist.storage.bittorrent.internal.testing.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BitTorrentBackendTest {
    private static final int[][] THREE = {{20, 5000}, {1, 100}, {40, 6000}};

    @TempDir
    Path tmp;

    @Test
    void ownerPublishesSeedsAndAMemberFetchesTheIndexThenOnlyWhatItLacks() throws Exception {
        try (BitTorrentBackend owner = Backends.start(tmp.resolve("owner"), List.of())) {
            assertEquals(org.archivist.core.link.MagnetLinkFormat.KIND, owner.linkFormat().kind());
            assertEquals(org.archivist.api.storage.BackendStatus.State.UP, owner.status().state());
            Archives.Result first = Archives.publish(owner, Archives.COMMUNITY, 0, THREE, 1);

            Path torrentFile = tmp.resolve("owner/torrents").resolve(Archives.COMMUNITY.hex() + ".torrent");
            Metainfo torrent = Metainfo.parse(Files.readAllBytes(torrentFile));
            assertEquals(torrent.magnet().toString(), first.link());
            assertTrue(first.link().startsWith("magnet:?xt=urn:btih:" + torrent.infoHashHex() + "&dn="
                    + Archives.COMMUNITY.hex() + "&tr=udp%3A%2F%2Ftracker.opentrackr.org%3A1337%2Fannounce&tr="));
            assertEquals(Optional.of(first.link()), owner.currentLink(Archives.COMMUNITY));
            assertTrue(owner.isSeeding(Archives.COMMUNITY));
            String peersOfCommunity = BitTorrentBackend.METRIC_COMMUNITY_PEERS + Archives.COMMUNITY.hex();
            assertEquals(0, owner.status().metrics().get(peersOfCommunity), "nobody fetches the community yet");
            Path set = tmp.resolve("owner/archivedata").resolve(Archives.COMMUNITY.hex());
            long files;
            try (java.util.stream.Stream<Path> all = Files.walk(tmp.resolve("owner/archivedata"))) {
                files = all.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
            assertTrue(files >= Files.size(set.resolve("data")) + Files.size(set.resolve("index")));
            assertEquals(files, owner.status().metrics().get(BitTorrentBackend.METRIC_STORED_BYTES),
                    "storedBytes: every file under the archive data directory (data, index, state)");

            try (BitTorrentBackend member = Backends.start(tmp.resolve("member"), List.of("127.0.0.1:" + owner.port()));
                    ArchiveDownload download = member.download(Archives.COMMUNITY, first.link())) {
                assertEquals(first.link(), download.link());
                assertArrayEquals(first.index(), download.index());
                List<IndexEntry> entries = IndexCodec.decode(download.index(), DecodeLimits.DEFAULT);
                assertEquals(3, entries.size());

                Archives.Published wanted = first.archives().get(2);
                List<long[]> progress = new ArrayList<>();
                byte[] blob = download.archive(wanted.entry().location(), (done, total) -> progress.add(new long[] {done, total}));
                assertArrayEquals(wanted.blob(), blob);
                assertTrue(peerCounted(owner, peersOfCommunity), "the owner counts the member on the community's"
                        + " torrent: " + owner.status().metrics());
                PieceRange range = (PieceRange) wanted.entry().location();
                assertArrayEquals(new long[] {range.size(), range.size()}, progress.get(progress.size() - 1));
                assertEquals(wanted.messages().size(),
                        ArchiveCodec.decode(wanted.entry(), blob, DecodeLimits.DEFAULT).messages().size());

                PieceRange notWanted = (PieceRange) first.archives().get(0).entry().location();
                byte[] memberData = Files.readAllBytes(tmp.resolve("member/archivedata")
                        .resolve(Archives.COMMUNITY.hex()).resolve("data"));
                assertFalse(Arrays.equals(first.archives().get(0).blob(), Arrays.copyOfRange(memberData,
                        (int) notWanted.offset(), (int) Math.min(memberData.length, notWanted.offset()
                                + notWanted.blobLength()))), "an archive that was not asked for was not fetched");
            }

            Archives.Result second = Archives.publish(owner, Archives.COMMUNITY, 3, new int[][] {{3, 300}}, 9);
            assertNotEquals(first.link(), second.link());
            assertTrue(owner.isSeeding(Archives.COMMUNITY));
            try (BitTorrentBackend member = Backends.start(tmp.resolve("member"), List.of("127.0.0.1:" + owner.port()));
                    ArchiveDownload download = member.download(Archives.COMMUNITY, second.link())) {
                assertEquals(4, IndexCodec.decode(download.index(), DecodeLimits.DEFAULT).size());
                Archives.Published added = second.archives().get(0);
                assertArrayEquals(added.blob(), download.archive(added.entry().location(), (d, t) -> { }));
                Archives.Published old = first.archives().get(2);
                assertArrayEquals(old.blob(), download.archive(old.entry().location(), (d, t) -> { }));
            }
        }
    }

    /** Whether the metric reaches 1 within 10 s (bt posts its connection events on its own threads). */
    private static boolean peerCounted(BitTorrentBackend backend, String metric) throws InterruptedException {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            if (((Number) backend.status().metrics().getOrDefault(metric, 0)).intValue() > 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void aRestartedBackendResumesSeedingAndUnseedIsRemembered() throws Exception {
        Path ownerDir = tmp.resolve("owner");
        Archives.Result published;
        try (BitTorrentBackend owner = Backends.start(ownerDir, List.of())) {
            published = Archives.publish(owner, Archives.COMMUNITY, 0, new int[][] {{5, 1000}}, 3);
        }
        try (BitTorrentBackend owner = Backends.start(ownerDir, List.of())) {
            assertTrue(owner.isSeeding(Archives.COMMUNITY), "seeding resumed after the restart");
            try (BitTorrentBackend member = Backends.start(tmp.resolve("member"), List.of("127.0.0.1:" + owner.port()));
                    ArchiveDownload download = member.download(Archives.COMMUNITY, published.link())) {
                Archives.Published archive = published.archives().get(0);
                assertArrayEquals(archive.blob(), download.archive(archive.entry().location(), (d, t) -> { }));
            }
            owner.unseed(Archives.COMMUNITY);
            assertFalse(owner.isSeeding(Archives.COMMUNITY));
        }
        try (BitTorrentBackend owner = Backends.start(ownerDir, List.of())) {
            assertFalse(owner.isSeeding(Archives.COMMUNITY), "an unseeded community stays unseeded");
            owner.seed(Archives.COMMUNITY);
            assertTrue(owner.isSeeding(Archives.COMMUNITY));
        }
    }

    @Test
    void aMissingOrStaleTorrentIsRebuiltFromTheFiles() throws Exception {
        try (BitTorrentBackend owner = Backends.start(tmp.resolve("owner"), List.of())) {
            assertEquals(Optional.empty(), owner.currentLink(Archives.COMMUNITY));
            StorageException none = assertThrows(StorageException.class, () -> owner.seed(Archives.COMMUNITY));
            assertTrue(none.getMessage().contains("no committed archives"), none.getMessage());

            Archives.Result published = Archives.publish(owner, Archives.COMMUNITY, 0, THREE, 5);
            Path torrentFile = tmp.resolve("owner/torrents").resolve(Archives.COMMUNITY.hex() + ".torrent");
            Files.delete(torrentFile);
            assertEquals(Optional.of(published.link()), owner.currentLink(Archives.COMMUNITY));
            assertTrue(Files.exists(torrentFile));

            Files.write(torrentFile, "garbage".getBytes());
            assertEquals(Optional.of(published.link()), owner.currentLink(Archives.COMMUNITY));

            // an index committed while the torrent could not be written (a crash in between)
            byte[] stale = Files.readAllBytes(torrentFile);
            Archives.Result next = Archives.publish(owner, Archives.COMMUNITY, 3, new int[][] {{1, 10}}, 6);
            Files.write(torrentFile, stale);
            assertEquals(Optional.of(next.link()), owner.currentLink(Archives.COMMUNITY));
        }
    }

    @Test
    void readStoredGivesBackTheBlobWithoutPadding() throws Exception {
        try (BitTorrentBackend owner = Backends.start(tmp.resolve("owner"), List.of())) {
            Archives.Result published = Archives.publish(owner, Archives.COMMUNITY, 0, THREE, 7);
            for (Archives.Published archive : published.archives()) {
                assertArrayEquals(archive.blob(), owner.readStored(Archives.COMMUNITY, archive.entry().location()));
            }
        }
    }

    @Test
    void badLinksMetadataTimeoutsAndCancellationAreReportedClearly() throws Exception {
        Path memberDir = tmp.resolve("member");
        try (BitTorrentBackend member = Backends.start(
                Backends.settings(memberDir, Duration.ofSeconds(1), List.of()), EngineSettings.loopback())) {
            StorageException bad = assertThrows(StorageException.class,
                    () -> member.download(Archives.COMMUNITY, "https://example.org/x.torrent"));
            assertFalse(bad.retryable());
            assertTrue(bad.getMessage().contains("magnet"), bad.getMessage());

            String nobody = "magnet:?xt=urn:btih:" + "12".repeat(20) + "&dn=" + Archives.COMMUNITY.hex();
            try (ArchiveDownload download = member.download(Archives.COMMUNITY, nobody)) {
                StorageException timeout = assertThrows(StorageException.class, download::index);
                assertTrue(timeout.retryable());
                assertTrue(timeout.getMessage().contains("metadata"), timeout.getMessage());
            }
        }
        try (BitTorrentBackend member = Backends.start(memberDir, List.of())) {
            String nobody = "magnet:?xt=urn:btih:" + "34".repeat(20);
            try (ArchiveDownload download = member.download(Archives.COMMUNITY, nobody)) {
                CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                    try {
                        download.index();
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                });
                Thread.sleep(300); // let index() block on the metadata
                download.cancel();
                assertTrue(outcome.get(10, TimeUnit.SECONDS) instanceof CancellationException);
            }
        }
    }
}
