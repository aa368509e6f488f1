package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.IndexCodec;
import org.archivist.core.io.AtomicFiles;

import jakarta.inject.Inject;

/**
 * Archives a member downloaded and has not imported yet: the blob and its index entry (as a one-entry
 * index), under {@code <dir>/<cid>/downloaded/<archive id>[.entry]}, written atomically, deleted once
 * imported.
 */
public class DownloadedArchives {
    /** A downloaded archive waiting for import. */
    record Held(IndexEntry entry, byte[] blob) {
    }

    private final Path dir;

    @Inject
    public DownloadedArchives(Path dir) {
        this.dir = dir;
    }

    void save(CommunityId community, IndexEntry entry, byte[] blob) throws IOException {
        AtomicFiles.write(file(community, entry.archiveId(), ""), blob);
        AtomicFiles.write(file(community, entry.archiveId(), ".entry"), IndexCodec.encode(List.of(entry)));
    }

    /** The archive, or empty when either file is missing. */
    Optional<Held> read(CommunityId community, String archiveId) throws IOException, InvalidArchiveException {
        try {
            byte[] blob = Files.readAllBytes(file(community, archiveId, ""));
            List<IndexEntry> entries = IndexCodec.decode(Files.readAllBytes(file(community, archiveId, ".entry")),
                    DecodeLimits.DEFAULT);
            if (entries.size() != 1 || !entries.get(0).archiveId().equals(archiveId)) {
                throw new InvalidArchiveException("the stored index entry of " + archiveId + " is not that archive's");
            }
            return Optional.of(new Held(entries.get(0), blob));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void delete(CommunityId community, String archiveId) throws IOException {
        Files.deleteIfExists(file(community, archiveId, ".entry"));
        Files.deleteIfExists(file(community, archiveId, ""));
    }

    private Path file(CommunityId community, String archiveId, String suffix) {
        if (!archiveId.matches("[0-9A-Za-z_-]{1,200}")) {
            throw new IllegalArgumentException("archive id unusable as a file name: " + archiveId);
        }
        return dir.resolve(community.hex()).resolve("downloaded").resolve(archiveId + suffix);
    }
}
