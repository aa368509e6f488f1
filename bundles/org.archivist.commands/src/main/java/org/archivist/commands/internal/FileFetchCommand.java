package org.archivist.commands.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileService;
import org.archivist.api.content.InvalidLinkException;
import org.archivist.api.content.Transfer;

/**
 * {@code file:fetch <link>}: fetches a published file (verified against its link, decrypted when it is
 * encrypted) into the file service's directory, in the background or, with {@code --wait}, following it.
 */
@Service
@Command(scope = "file", name = "fetch", description = "Fetches a file by its link (archivist-file:...): verified"
        + " against the link, decrypted with the community's key when encrypted, kept in the file service's"
        + " directory; prints where")
public class FileFetchCommand implements Action {
    @Reference
    private FileService files;

    @Argument(index = 0, name = "link", required = true, description = "The link file:publish printed, in double"
            + " quotes (the shell splits a command line on ';', which a link contains)")
    private String link;

    @Option(name = "--wait", description = "Follow the fetch until the file is there, and print its path")
    private boolean waitFetched;

    @Option(name = "--timeout", description = "Seconds to follow the fetch with --wait")
    private int timeoutSeconds = 600;

    @Override
    public Object execute() throws Exception {
        FileLink parsed;
        try {
            parsed = FileLink.parse(link == null ? null : link.trim());
        } catch (InvalidLinkException e) {
            String hint = link != null && link.startsWith("archivist-file:") && !link.contains(";")
                    ? " (put the link in double quotes: the shell splits a command line on ';')" : "";
            throw new IllegalArgumentException(e.getMessage() + hint, e);
        }
        Transfer<Path> transfer = files.fetch(parsed);
        if (!waitFetched) {
            System.out.println("Fetching " + parsed.size() + " bytes over " + parsed.storageType()
                    + " in the background (file:status shows it)");
            return null;
        }
        Path file = TransferWait.follow(transfer, Duration.ofSeconds(timeoutSeconds), System.out);
        System.out.println("Fetched: " + file + " (" + java.nio.file.Files.size(file) + " bytes, verified)");
        return null;
    }
}
