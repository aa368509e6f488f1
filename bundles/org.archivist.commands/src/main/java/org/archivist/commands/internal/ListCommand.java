package org.archivist.commands.internal;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.osgi.framework.BundleContext;

/**
 * {@code archive:list}: every configured community, one line each; {@code archive:list <community>}: that
 * community's archives with their availability ({@link ArchiveTable}).
 */
@Service
@Command(scope = "archive", name = "list", description = "Lists the communities Archivist is configured for:"
        + " role, backends, end of the last archive, next run, archives published (owner) or held (member),"
        + " archives imported, state, links. With a community: its archives, each with its range, size, messages,"
        + " backends and availability (owner: PUBLISHED; member: HELD, MISSING or OUTSIDE_WINDOW), and the gaps")
public class ListCommand implements Action {
    @Reference
    private ArchiveService archives;

    @Reference
    private BundleContext context;

    @Argument(index = 0, name = "community", required = false,
            description = "A community id (0x + 66 hex digits): list its archives")
    @Completion(CommunityCompleter.class)
    private String community;

    @Option(name = "--full-ids", description = "Print whole community ids, archive ids and links")
    private boolean fullIds;

    @Override
    public Object execute() throws Exception {
        if (community != null) {
            CommunityArchiveStatus status = Communities.configured(archives, community);
            ArchiveTable.print(status.community(), archives.archiveSummaries(status.community()), fullIds, System.out);
            return null;
        }
        List<CommunityArchiveStatus> communities = archives.communities();
        Map<CommunityId, Set<String>> notUp = new HashMap<>();
        for (CommunityArchiveStatus c : communities) {
            notUp.put(c.community(), BackendStates.notUp(context, c.backends()));
        }
        print(communities, notUp, fullIds, System.out);
        return null;
    }

    static void print(List<CommunityArchiveStatus> communities, Map<CommunityId, Set<String>> notUp, boolean fullIds,
            PrintStream out) {
        if (communities.isEmpty()) {
            out.println("No community is configured (factory configurations org.archivist.scheduler.community).");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Community");
        table.column("Role");
        table.column("Backends");
        table.column("Last archive end");
        table.column("Next run");
        table.column("Archives").alignRight();
        table.column("Imported").alignRight();
        table.column("State");
        table.column("Links");
        for (CommunityArchiveStatus c : communities) {
            table.addRow().addContent(fullIds ? c.community().hex() : Communities.shortId(c.community()),
                    Communities.role(c), String.join(",", c.backends()), TimeFormat.seconds(c.lastArchiveEnd()),
                    TimeFormat.instant(c.nextRun()),
                    c.archives(), c.imported(), state(c, notUp.getOrDefault(c.community(), Set.of())),
                    links(c, fullIds));
        }
        table.print(out);
    }

    /**
     * {@code ok}; or {@code paused: no <types>} when backends are not registered (the community's work waits for
     * them); or {@code backend down: <types>} when registered backends are DOWN or still starting (its runs there
     * fail and are retried with backoff).
     */
    static String state(CommunityArchiveStatus c, Set<String> notUp) {
        if (c.paused()) {
            return "paused: no " + String.join(",", new TreeSet<>(c.unavailableBackends()));
        }
        Set<String> down = new TreeSet<>(notUp);
        down.removeAll(c.unavailableBackends());
        return down.isEmpty() ? "ok" : "backend down: " + String.join(",", down);
    }

    private static String links(CommunityArchiveStatus c, boolean full) {
        if (c.links().isEmpty()) {
            return "-";
        }
        StringBuilder s = new StringBuilder();
        for (String link : c.links()) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(full || link.length() <= 24 ? link : link.substring(0, 21) + "...");
        }
        return s.toString();
    }
}
