package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import org.archivist.api.CommunityId;

import jakarta.inject.Inject;

/**
 * Archive blobs a member downloaded and has not imported yet, one file each under
 * {@code <dir>/<cid>/downloaded/<archive id>}, written atomically, deleted once imported.
 */
public class DownloadedArchives {
    private final Path dir;

    @Inject
    public DownloadedArchives(Path dir) {
        this.dir = dir;
    }

    void save(CommunityId community, String archiveId, byte[] blob) throws IOException {
        AtomicWrite.write(file(community, archiveId), blob);
    }

    Optional<byte[]> read(CommunityId community, String archiveId) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file(community, archiveId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void delete(CommunityId community, String archiveId) throws IOException {
        Files.deleteIfExists(file(community, archiveId));
    }

    private Path file(CommunityId community, String archiveId) {
        if (!archiveId.matches("[0-9A-Za-z_.-]{1,200}")) {
            throw new IllegalArgumentException("archive id unusable as a file name: " + archiveId);
        }
        return dir.resolve(community.hex()).resolve("downloaded").resolve(archiveId);
    }
}
