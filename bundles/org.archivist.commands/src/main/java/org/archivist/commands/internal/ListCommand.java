package org.archivist.commands.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;

/** {@code archive:list}: every configured community, one line each. */
@Service
@Command(scope = "archive", name = "list", description = "Lists the communities Archivist is configured for:"
        + " role, backends, end of the last archive, archives held, messages imported, state, links")
public class ListCommand implements Action {
    @Reference
    private ArchiveService archives;

    @Option(name = "--full-ids", description = "Print whole community ids and links")
    private boolean fullIds;

    @Override
    public Object execute() {
        print(archives.communities(), fullIds, System.out);
        return null;
    }

    static void print(List<CommunityArchiveStatus> communities, boolean fullIds, PrintStream out) {
        if (communities.isEmpty()) {
            out.println("No community is configured (factory configurations org.archivist.scheduler.community).");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Community");
        table.column("Role");
        table.column("Backends");
        table.column("Last archive end");
        table.column("Archives").alignRight();
        table.column("Imported").alignRight();
        table.column("State");
        table.column("Links");
        for (CommunityArchiveStatus c : communities) {
            table.addRow().addContent(fullIds ? c.community().hex() : Communities.shortId(c.community()),
                    Communities.role(c), String.join(",", c.backends()), TimeFormat.seconds(c.lastArchiveEnd()),
                    c.archives(), c.imported(), state(c), links(c, fullIds));
        }
        table.print(out);
    }

    /** {@code ok}, or which backends are missing so that the community's work waits for them. */
    static String state(CommunityArchiveStatus c) {
        return c.paused() ? "paused: no " + String.join(",", new java.util.TreeSet<>(c.unavailableBackends())) : "ok";
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
