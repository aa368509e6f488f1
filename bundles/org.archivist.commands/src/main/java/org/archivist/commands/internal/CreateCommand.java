package org.archivist.commands.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.osgi.framework.BundleContext;

/** {@code archive:create <community>}: the owner's archive run, now, with its progress. */
@Service
@Command(scope = "archive", name = "create", description = "Archives now what accumulated since the last archive,"
        + " publishes it on the community's backends and announces the links (control node only)")
public class CreateCommand implements Action {
    @Reference
    private ArchiveService archives;

    @Reference
    private BundleContext context;

    @Argument(index = 0, name = "community", required = true, description = "The community id (0x + 66 hex digits)")
    @Completion(CommunityCompleter.class)
    private String community;

    @Override
    public Object execute() throws Exception {
        CommunityArchiveStatus before = Communities.configured(archives, community);
        CommunityId id = before.community();
        if (!before.controlNode()) {
            throw new IllegalArgumentException("this node is not the control node of " + id
                    + ": only the owner creates archives (archive:download fetches them)");
        }
        try (EventProgress progress = new EventProgress(context, id)) {
            Thread follower = new Thread(() -> follow(progress), "archive-create-progress");
            follower.setDaemon(true);
            follower.start();
            try {
                archives.archiveNow(id);
            } finally {
                follower.interrupt();
                follower.join(1000);
            }
            progress.drain(System.out);
        }
        CommunityArchiveStatus after = archives.community(id).orElse(before);
        System.out.println("Archives: " + before.archives() + " -> " + after.archives() + ", last archive end "
                + TimeFormat.seconds(after.lastArchiveEnd()));
        after.links().forEach(l -> System.out.println("Link: " + l));
        return null;
    }

    private static void follow(EventProgress progress) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                progress.next(java.time.Duration.ofMillis(200)).ifPresent(e -> progress.print(e, System.out));
            }
        } catch (InterruptedException done) {
            // the run is over
        }
    }
}
