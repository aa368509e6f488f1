package org.archivist.commands.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.archivist.api.content.FileService;

/** {@code file:status}: the file service's storage types, storage use against its limit, and its transfers. */
@Service
@Command(scope = "file", name = "status", description = "Shows the file service: the storage types it runs, the"
        + " storage its files use against the configured limit, and the running and recent transfers")
public class FileStatusCommand implements Action {
    @Reference
    private FileService files;

    @Override
    public Object execute() throws Exception {
        FileStatusLines.of(files.storageTypes(), files.usage(), files.transfers()).forEach(System.out::println);
        return null;
    }
}
