package org.archivist.commands.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;

/** Completes the ids of the communities Archivist is configured for. */
@Service
public class CommunityCompleter implements Completer {
    @Reference
    private ArchiveService archives;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        for (CommunityArchiveStatus c : archives.communities()) {
            ids.getStrings().add(c.community().hex());
        }
        return ids.complete(session, commandLine, candidates);
    }
}
