package org.archivist.core.state;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommunityStateStoreTest {
    private static final CommunityId OTHER = CommunityId.of("0x03" + "12".repeat(32));
    private static final String MAGNET = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=x y";

    @TempDir
    Path dir;

    @Test
    void unknownCommunityHasAnEmptyState() throws Exception {
        CommunityState s = new CommunityStateStore(dir).load(COMMUNITY);
        assertEquals(OptionalLong.empty(), s.lastArchiveEnd());
        assertEquals(LinkState.NONE, s.link(org.archivist.core.link.MagnetLinkFormat.KIND));
        assertTrue(s.archives().isEmpty());
    }

    @Test
    void everythingSurvivesAReopen() throws Exception {
        CommunityStateStore store = new CommunityStateStore(dir);
        store.update(COMMUNITY, s -> s.withLastArchiveEnd(1579046400)
                .withLink(org.archivist.core.link.MagnetLinkFormat.KIND, new LinkState(1700000000123L, Optional.of(MAGNET)))
                .withLink(org.archivist.core.link.IndexCidLinkFormat.KIND, LinkState.NONE.withClock(5))
                .withArchive("0xbb").withArchive("0xaa").withImported("0xbb").withArchive("0xcc")
                .withExtension("migration.0xbb", "zDv%1 2"));
        store.update(OTHER, s -> s.withArchive("0x01"));

        CommunityStateStore reopened = new CommunityStateStore(dir);
        CommunityState s = reopened.load(COMMUNITY);
        assertEquals(OptionalLong.of(1579046400), s.lastArchiveEnd());
        assertEquals(new LinkState(1700000000123L, Optional.of(MAGNET)), s.link(org.archivist.core.link.MagnetLinkFormat.KIND));
        assertEquals(5, s.link(org.archivist.core.link.IndexCidLinkFormat.KIND).clock());
        assertEquals(List.of("0xbb", "0xaa", "0xcc"), List.copyOf(s.archives().keySet()), "insertion order kept");
        assertEquals(List.of("0xaa", "0xcc"), s.unimported());
        assertEquals(1, s.importedCount());
        assertEquals(Optional.of("zDv%1 2"), s.extension("migration.0xbb"));
        assertEquals(store.load(COMMUNITY), s);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve(COMMUNITY.hex() + CommunityStateStore.SUFFIX))));
        assertEquals(List.of(COMMUNITY, OTHER), reopened.communities());

        reopened.delete(OTHER);
        assertEquals(List.of(COMMUNITY), new CommunityStateStore(dir).communities());
    }

    @Test
    void aLeftoverTemporaryFileIsIgnored() throws Exception {
        new CommunityStateStore(dir).update(COMMUNITY, s -> s.withLastArchiveEnd(10));
        Files.writeString(dir.resolve(COMMUNITY.hex() + CommunityStateStore.TEMP_SUFFIX), "archivist-state 1\ncomm");
        assertEquals(OptionalLong.of(10), new CommunityStateStore(dir).load(COMMUNITY).lastArchiveEnd());
        assertFalse(Files.exists(dir.resolve(COMMUNITY.hex() + CommunityStateStore.TEMP_SUFFIX)));
    }

    @Test
    void aDamagedFileIsReportedNotSilentlyReset() throws Exception {
        new CommunityStateStore(dir).update(COMMUNITY, s -> s.withLastArchiveEnd(10).withArchive("0xaa"));
        Path file = dir.resolve(COMMUNITY.hex() + CommunityStateStore.SUFFIX);
        Files.writeString(file, Files.readString(file).replace("0xaa 0", "0xaa 1"));
        var e = assertThrows(StorageException.class, () -> new CommunityStateStore(dir).load(COMMUNITY));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }
}
