package org.archivist.storage.bittorrent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.archivist.storage.bittorrent.internal.engine.EngineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobLayoutTest {
    @TempDir
    Path blobDir;

    @Test
    void eachEngineHasItsPlace() {
        assertEquals(blobDir.resolve("content"), BlobLayout.of(EngineKind.BT).content(blobDir));
        assertEquals(blobDir.resolve("archivist-blob").resolve("content"),
                BlobLayout.of(EngineKind.LIBTORRENT).content(blobDir));
    }

    @Test
    void bytesInTheOtherLayoutAreMovedBothWays() throws Exception {
        byte[] bytes = {1, 2, 3};
        Files.write(BlobLayout.FLAT.content(blobDir), bytes);
        BlobLayout.NAMED.adopt(blobDir);
        assertArrayEquals(bytes, Files.readAllBytes(BlobLayout.NAMED.content(blobDir)));
        assertFalse(Files.exists(BlobLayout.FLAT.content(blobDir)));

        BlobLayout.FLAT.adopt(blobDir);
        assertArrayEquals(bytes, Files.readAllBytes(BlobLayout.FLAT.content(blobDir)));
        assertFalse(Files.exists(blobDir.resolve("archivist-blob")), "the emptied name directory is removed");
    }

    @Test
    void bytesInPlaceAndAnEmptyDirectoryAreLeftAlone() throws Exception {
        BlobLayout.NAMED.adopt(blobDir);
        assertFalse(Files.exists(BlobLayout.NAMED.content(blobDir)));
        Files.write(BlobLayout.FLAT.content(blobDir), new byte[] {9});
        Files.createDirectories(BlobLayout.NAMED.content(blobDir).getParent());
        Files.write(BlobLayout.NAMED.content(blobDir), new byte[] {7});
        BlobLayout.NAMED.adopt(blobDir);
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(BlobLayout.NAMED.content(blobDir)));
        assertTrue(Files.exists(BlobLayout.FLAT.content(blobDir)), "the copy in place wins; nothing is overwritten");
    }
}
