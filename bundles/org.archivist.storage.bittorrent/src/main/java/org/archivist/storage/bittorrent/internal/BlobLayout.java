package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.archivist.storage.bittorrent.internal.engine.EngineKind;

/**
 * Where an engine keeps a blob's bytes under the directory it is given for the blob ({@code <blob dir>}). The
 * engines differ for a torrent whose {@code files} list has one entry: bt 1.10 stores that file directly under the
 * directory ({@code <blob dir>/content}), libtorrent under the torrent's name, as for any multi-file torrent
 * ({@code <blob dir>/archivist-blob/content}). A node that switches engines finds its blobs in the other layout;
 * {@link #adopt} moves them.
 */
public enum BlobLayout {
    /** bt: {@code <blob dir>/content}. */
    FLAT,
    /** libtorrent: {@code <blob dir>/archivist-blob/content}. */
    NAMED;

    /** The layout of the engine that runs (after any fallback: pass the kind that was started). */
    public static BlobLayout of(EngineKind running) {
        return running == EngineKind.BT ? FLAT : NAMED;
    }

    /** The blob's bytes under {@code blobDir}. */
    Path content(Path blobDir) {
        return this == FLAT ? blobDir.resolve(BlobTorrents.FILE)
                : blobDir.resolve(BlobTorrents.NAME).resolve(BlobTorrents.FILE);
    }

    private BlobLayout other() {
        return this == FLAT ? NAMED : FLAT;
    }

    /**
     * Moves a blob's bytes (complete or partial) left in the other layout to this one, so a node that changed
     * engines seeds its kept blobs and resumes its fetches. Nothing happens when the bytes are where they belong.
     */
    void adopt(Path blobDir) throws IOException {
        Path here = content(blobDir);
        Path there = other().content(blobDir);
        if (Files.exists(here) || !Files.isRegularFile(there)) {
            return;
        }
        Files.createDirectories(here.getParent());
        Files.move(there, here, StandardCopyOption.ATOMIC_MOVE);
        if (this == FLAT) {
            try {
                Files.deleteIfExists(there.getParent());
            } catch (DirectoryNotEmptyException e) {
                // something else lives there; leave it
            }
        }
    }
}
