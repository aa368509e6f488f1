package org.archivist.tool.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.directory.CorruptArchiveDirectoryException;

/**
 * What {@code archivist torrent} checks before publishing a directory: its files agree (index, commit
 * record, layout), the data holds no uncommitted tail, and the data pieces an earlier torrent of it
 * published still match their hashes (an archive corrupted since would otherwise be re-published).
 */
public final class DirectoryPublishCheck {
    private DirectoryPublishCheck() {
    }

    /** Why {@code communityDir} must not be published, or null when it verifies. */
    public static String problem(Path communityDir, Path torrentDir) throws IOException {
        CommunityId community;
        try {
            community = CommunityId.of(communityDir.getFileName().toString());
        } catch (IllegalArgumentException e) {
            return null; // not a community directory: nothing of ours to verify
        }
        ArchiveDirectory directory;
        try {
            directory = ArchiveDirectory.existing(communityDir.getParent(), community, Optional.empty());
            long committed = directory.verify();
            long length = directory.dataLength();
            if (length != committed) {
                return "the data file has " + (length - committed) + " uncommitted bytes after the last archive"
                        + " (an interrupted run: the next build cuts them off)";
            }
        } catch (CorruptArchiveDirectoryException e) {
            return e.getMessage();
        } catch (ArchivistException e) {
            // an encrypted index without a matching commit record needs the key to check its layout
            System.err.println("warning: the index layout was not verified: " + e.getMessage());
        }
        Optional<TorrentPieceCheck> previous = TorrentPieceCheck.find(communityDir, Optional.of(torrentDir));
        if (previous.isPresent()) {
            List<String> problems = previous.get().dataPrefix(communityDir);
            if (!problems.isEmpty()) {
                return "the data no longer matches the archives " + previous.get().file() + " published: "
                        + String.join("; ", problems);
            }
        }
        return null;
    }
}
