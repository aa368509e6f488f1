package org.archivist.commands.internal;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.StorageUsage;
import org.osgi.framework.BundleContext;

/** {@code archive:status <community>}: everything this node knows of one community's archives. */
@Service
@Command(scope = "archive", name = "status", description = "Shows one community's archive state: role, backends,"
        + " end of the last archive, next run, archives published (owner) or held (member), archives imported, the last"
        + " error, the links announced or accepted, and the node's storage (archives, files) against its limit and what"
        + " is released at it")
public class StatusCommand implements Action {
    @Reference
    private ArchiveService archives;

    @Reference
    private BundleContext context;

    @Reference(optional = true)
    private NodeStorage nodeStorage;

    @Argument(index = 0, name = "community", required = true, description = "The community id (0x + 66 hex digits)")
    @Completion(CommunityCompleter.class)
    private String community;

    @Override
    public Object execute() {
        CommunityArchiveStatus c = Communities.configured(archives, community);
        print(c, BackendStates.of(context, c.backends()), System.out);
        printStorage(archives.storageUsage(), System.out);
        if (nodeStorage != null) {
            System.out.println("Storage release  : " + nodeStorage.releasePolicy().configValue());
        }
        return null;
    }

    /** The node's storage (archives, local copies and files) against its limit ({@code maxStorageBytes}). */
    static void printStorage(Optional<StorageUsage> usage, PrintStream out) {
        out.println("Node storage     : " + usage.map(u -> u.usedBytes() + " bytes in use, limit "
                + (u.limited() ? u.maxBytes() + " bytes" : "none") + " (archives, local copies and files)")
                .orElse("not measured"));
    }

    static void print(CommunityArchiveStatus c, Map<String, String> backendStates, PrintStream out) {
        out.println("Community        : " + c.community());
        out.println("Role             : " + Communities.role(c));
        out.println("Backends         : " + String.join(", ", c.backends()));
        out.println("State            : " + ListCommand.state(c, notUp(backendStates)));
        backendStates.forEach((type, state) -> out.println("Backend          : " + type + " " + state));
        out.println("Last archive end : " + TimeFormat.seconds(c.lastArchiveEnd()));
        out.println("Next run         : " + TimeFormat.instant(c.nextRun()));
        out.println("Archives         : " + c.archives() + (c.controlNode() ? " published" : " held"));
        out.println("Imported         : " + c.imported());
        c.lastError().ifPresent(e -> out.println("Last error       : " + e));
        if (c.links().isEmpty()) {
            out.println("Links            : -");
        }
        for (String link : c.links()) {
            out.println("Link             : " + link);
        }
    }

    private static Set<String> notUp(Map<String, String> states) {
        Set<String> notUp = new TreeSet<>();
        states.forEach((type, state) -> {
            if (!state.equals("UP") && !state.startsWith("UP:")) {
                notUp.add(type);
            }
        });
        return notUp;
    }
}
