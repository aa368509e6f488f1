package org.archivist.storage.bittorrent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.IndexEntry;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.IndexCodec;
import org.archivist.storage.bittorrent.internal.testing.Archives;
import org.archivist.storage.bittorrent.internal.testing.Backends;
import org.archivist.storage.bittorrent.internal.testing.Libtorrent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop (b) end to end: a Status archive set seeded by python3-libtorrent alone (the owner's engine is
 * stopped) is downloaded by an Archivist member backend, and its archives decode to the owner's messages.
 */
class LibtorrentSeededArchivesTest {

    @TempDir
    Path tmp;

    @Test
    void aMemberImportsArchivesThatOnlyLibtorrentSeeds() throws Exception {
        Libtorrent.require();
        Path ownerDir = tmp.resolve("owner");
        Archives.Result published;
        try (BitTorrentBackend owner = Backends.start(ownerDir, List.of())) {
            published = Archives.publish(owner, Archives.COMMUNITY, 0, new int[][] {{30, 4000}, {2, 50}, {10, 20_000}},
                    17);
        }
        Path torrent = ownerDir.resolve("torrents").resolve(Archives.COMMUNITY.hex() + ".torrent");
        try (Libtorrent seeder = Libtorrent.start("seed.py", torrent.toString(),
                ownerDir.resolve("archivedata").toString(), "120")) {
            String seeding = seeder.awaitLine("SEEDING", Duration.ofSeconds(60));
            assertNotNull(seeding, seeder.transcript());
            String peer = "127.0.0.1:" + seeding.split(" ")[1];
            try (BitTorrentBackend member = Backends.start(tmp.resolve("member"), List.of(peer));
                    ArchiveDownload download = member.download(Archives.COMMUNITY, published.link())) {
                List<IndexEntry> entries = IndexCodec.decode(download.index(), DecodeLimits.DEFAULT);
                assertEquals(3, entries.size());
                for (Archives.Published archive : published.archives()) {
                    IndexEntry entry = entries.stream().filter(e -> e.archiveId().equals(archive.entry().archiveId()))
                            .findFirst().orElseThrow();
                    byte[] blob = download.archive(entry.location(), (done, total) -> { });
                    List<ArchivedMessage> messages = ArchiveCodec.decode(entry, blob, DecodeLimits.DEFAULT).messages();
                    assertEquals(archive.messages().size(), messages.size());
                    for (int i = 0; i < messages.size(); i++) {
                        assertArrayEquals(archive.messages().get(i).hash(), messages.get(i).hash());
                        assertArrayEquals(archive.messages().get(i).payload(), messages.get(i).payload());
                    }
                }
            }
        }
    }
}
