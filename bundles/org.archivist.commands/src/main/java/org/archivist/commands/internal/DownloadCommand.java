package org.archivist.commands.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.CommunityArchiveStatus;
import org.osgi.framework.BundleContext;

/**
 * {@code archive:download <community>}: a member resumes now the download and import of the links it
 * accepted, and follows them until they finish, go quiet, or the wait is over. With {@code --from}/{@code --to}:
 * the archives of that range are fetched whatever the history window ({@link ArchiveService#fetchRange}).
 */
@Service
@Command(scope = "archive", name = "download", description = "Member: resumes now the download and import of the"
        + " announced archives still missing, and shows their progress; with --from/--to, fetches the archives of"
        + " that time range too, even outside the community's history window")
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

    @Option(name = "--from", description = "Fetch the archives from this time: ISO instant, date (UTC) or Unix"
            + " seconds; default: the beginning")
    private String from;

    @Option(name = "--to", description = "Fetch the archives up to this time (exclusive): ISO instant, date (UTC) or"
            + " Unix seconds; default: now")
    private String to;

    @Override
    public Object execute() throws Exception {
        CommunityArchiveStatus before = Communities.configured(archives, community);
        CommunityId id = before.community();
        if (before.controlNode()) {
            throw new IllegalArgumentException("this node is the control node of " + id
                    + ": it creates the archives (archive:create), it does not download them");
        }
        TimeRange range = from != null || to != null ? TimeArguments.range(from, to, Instant.now()) : null;
        try (EventProgress progress = new EventProgress(context, id)) {
            if (range != null) {
                List<ArchiveSummary> selected = archives.fetchRange(id, range);
                System.out.println(describe(range, selected));
            }
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
        if (range != null) {
            System.out.println(ArchiveTable.counts(archives.archiveSummaries(id)));
        }
        System.out.println("Archives held: " + after.archives() + ", imported: " + after.imported());
        return null;
    }

    /** What a range asked for selects: {@code 2 archives in [..): 1 to fetch, 1 already held}. */
    static String describe(TimeRange range, List<ArchiveSummary> selected) {
        String span = Instant.ofEpochSecond(range.from()) + " .. " + Instant.ofEpochSecond(range.to());
        if (selected.isEmpty()) {
            return "No archive of the fetched index overlaps " + span + "; the request is kept for later indexes";
        }
        long held = selected.stream().filter(s -> s.availability() == ArchiveSummary.Availability.HELD).count();
        return selected.size() + (selected.size() == 1 ? " archive" : " archives") + " in " + span + ": "
                + (selected.size() - held) + " to fetch, " + held + " already held";
    }
}
