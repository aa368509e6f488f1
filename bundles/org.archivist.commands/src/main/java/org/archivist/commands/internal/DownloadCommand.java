package org.archivist.commands.internal;

import java.time.Duration;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.osgi.framework.BundleContext;

/**
 * {@code archive:download <community>}: a member resumes now the download and import of the links it
 * accepted, and follows them until they finish, go quiet, or the wait is over.
 */
@Service
@Command(scope = "archive", name = "download", description = "Member: resumes now the download and import of the"
        + " announced archives still missing, and shows their progress")
public class DownloadCommand implements Action {
    @Reference
    private ArchiveService archives;

    @Reference
    private BundleContext context;

    @Argument(index = 0, name = "community", required = true, description = "The community id (0x + 66 hex digits)")
    @Completion(CommunityCompleter.class)
    private String community;

    @Option(name = "--wait", description = "Seconds to follow the progress (0: start and return)")
    private int waitSeconds = 300;

    @Option(name = "--quiet-after", description = "Stop following after this many seconds without an event")
    private int quietSeconds = 10;

    @Override
    public Object execute() throws Exception {
        CommunityArchiveStatus before = Communities.configured(archives, community);
        CommunityId id = before.community();
        if (before.controlNode()) {
            throw new IllegalArgumentException("this node is the control node of " + id
                    + ": it creates the archives (archive:create), it does not download them");
        }
        try (EventProgress progress = new EventProgress(context, id)) {
            archives.downloadNow(id);
            long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(0, waitSeconds)).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<ArchiveEvent> e = progress.next(Duration.ofSeconds(Math.max(1, quietSeconds)));
                if (e.isEmpty()) {
                    System.out.println("(no progress for " + quietSeconds + " s; the download goes on in the"
                            + " background if one is pending)");
                    break;
                }
                progress.print(e.get(), System.out);
                if (e.get().type() == ArchiveEvent.Type.FINISHED) {
                    break;
                }
            }
        }
        CommunityArchiveStatus after = archives.community(id).orElse(before);
        System.out.println("Archives held: " + after.archives() + ", imported: " + after.imported());
        return null;
    }
}
