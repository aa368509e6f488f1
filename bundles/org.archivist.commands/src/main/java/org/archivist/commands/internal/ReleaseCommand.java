package org.archivist.commands.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.ReleaseReport;

/**
 * {@code archive:release [--dry-run] [--files-only] <bytes|all-files|all>}: the operator frees disk space under the
 * node's storage limit: fetched copies of files, oldest first, then members' imported archive sets, oldest first;
 * never a staged publish nor an owner's archives. Prints what was (or, with {@code --dry-run}, would be) released.
 */
@Service
@Command(scope = "archive", name = "release", description = "Frees disk space: fetched copies of files, oldest first,"
        + " then members' imported archive sets (other nodes serve them), oldest first, until the amount is freed;"
        + " never a staged publish nor an owner's archives. Prints what was released (--dry-run: what would be)")
public class ReleaseCommand implements Action {
    @Reference
    private NodeStorage storage;

    @Argument(index = 0, name = "amount", required = true, description = "Bytes to free (K, M, G: KiB, MiB, GiB),"
            + " all-files (every fetched file) or all (everything releasable)")
    private String amount;

    @Option(name = "--dry-run", description = "Only list what would be released")
    private boolean dryRun;

    @Option(name = "--files-only", description = "Release fetched files only, never archive sets")
    private boolean filesOnly;

    @Override
    public Object execute() throws Exception {
        ReleaseRequest request;
        try {
            request = ReleaseRequest.parse(amount, filesOnly);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return null;
        }
        print(storage.release(request.bytes(), request.kinds(), dryRun), System.out);
        return null;
    }

    static void print(ReleaseReport report, PrintStream out) {
        String verb = report.dryRun() ? "Would release    : " : "Released         : ";
        out.println("Node storage     : " + report.usage().usedBytes() + " bytes in use, limit "
                + (report.usage().limited() ? report.usage().maxBytes() + " bytes" : "none")
                + (report.dryRun() ? "" : " (before the release)"));
        if (report.released().isEmpty()) {
            out.println(verb + "nothing (no fetched file or member archive set may be released)");
            return;
        }
        for (ReleasableCopy c : report.released()) {
            out.println(verb + c.describe());
        }
        out.println("Total            : " + report.releasedBytes() + " bytes in " + report.released().size()
                + " cop" + (report.released().size() == 1 ? "y" : "ies"));
    }
}
