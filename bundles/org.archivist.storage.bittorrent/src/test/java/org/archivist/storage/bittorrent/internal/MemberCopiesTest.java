package org.archivist.storage.bittorrent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.MemberCopies.MemberCopy;
import org.archivist.api.storage.StorageException;
import org.archivist.core.io.DirectorySizes;
import org.archivist.storage.bittorrent.internal.testing.Archives;
import org.archivist.storage.bittorrent.internal.testing.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member's downloaded set is listed and released to free space; an owner's published set never is. */
class MemberCopiesTest {
    private static final int[][] TWO = {{10, 3000}, {5, 2000}};

    @TempDir
    Path tmp;

    @Test
    void aMembersSetIsReleasedAndFetchedAgainLaterButAnOwnersSetNever() throws Exception {
        try (BitTorrentBackend owner = Backends.start(tmp.resolve("owner"), List.of())) {
            Archives.Result published = Archives.publish(owner, Archives.COMMUNITY, 0, TWO, 1);
            Path ownerSet = tmp.resolve("owner/archivedata").resolve(Archives.COMMUNITY.hex());
            long ownerBytes = DirectorySizes.bytesUnder(ownerSet);

            assertEquals(List.of(), owner.memberCopies(), "the owner's set is not a member copy");
            StorageException refused = assertThrows(StorageException.class,
                    () -> owner.releaseMemberCopy(Archives.COMMUNITY));
            assertFalse(refused.retryable());
            assertEquals(ownerBytes, DirectorySizes.bytesUnder(ownerSet), "the owner's set is untouched");

            try (BitTorrentBackend member = Backends.start(tmp.resolve("member"),
                    List.of("127.0.0.1:" + owner.port()))) {
                Archives.Published wanted = published.archives().get(1);
                try (ArchiveDownload download = member.download(Archives.COMMUNITY, published.link())) {
                    assertArrayEquals(wanted.blob(), download.archive(wanted.entry().location(), (d, t) -> { }));
                }
                Path memberSet = tmp.resolve("member/archivedata").resolve(Archives.COMMUNITY.hex());
                List<MemberCopy> copies = member.memberCopies();
                assertEquals(1, copies.size());
                assertEquals(Archives.COMMUNITY, copies.get(0).community());
                assertEquals(DirectorySizes.bytesUnder(memberSet), copies.get(0).bytes());
                assertTrue(copies.get(0).bytes() > 0);

                assertEquals(copies.get(0).bytes(), member.releaseMemberCopy(Archives.COMMUNITY));
                assertFalse(Files.exists(memberSet));
                assertEquals(List.of(), member.memberCopies());
                assertEquals(0, member.releaseMemberCopy(Archives.COMMUNITY), "nothing left to release");
            }
            // one engine does not fetch the same torrent twice (a new link is a new torrent): a restarted member
            try (BitTorrentBackend member = Backends.start(tmp.resolve("member"),
                    List.of("127.0.0.1:" + owner.port()));
                    ArchiveDownload again = member.download(Archives.COMMUNITY, published.link())) {
                Archives.Published wanted = published.archives().get(1);
                assertArrayEquals(wanted.blob(), again.archive(wanted.entry().location(), (d, t) -> { }),
                        "the owner still serves what the member released");
            }
        }
    }
}
