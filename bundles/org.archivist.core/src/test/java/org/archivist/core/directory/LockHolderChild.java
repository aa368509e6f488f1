package org.archivist.core.directory;

import java.nio.file.Path;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.PublishSession;

/**
 * The child process of {@link DirectoryLockTest}: opens a publish session (taking the directory's lock),
 * appends {@code args[2]} bytes without committing, prints {@code locked}, and holds it until its stdin
 * closes (or it is killed).
 */
public final class LockHolderChild {
    public static void main(String[] args) throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(Path.of(args[0]), CommunityId.of(args[1]), Optional.empty());
        try (PublishSession session = dir.beginPublish()) {
            session.append(new byte[Integer.parseInt(args[2])]);
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
