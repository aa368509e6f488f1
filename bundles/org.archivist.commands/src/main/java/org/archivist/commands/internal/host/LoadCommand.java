package org.archivist.commands.internal.host;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.host.MessageImporter;
import org.archivist.core.jsonl.JsonlMessages;

/**
 * {@code host:load <community> <file.jsonl>}: hands a history in the {@code archivist build} format to the
 * host's receive path (the reference host stores each message once, by hash), in batches, with progress.
 */
@Service
@Command(scope = "host", name = "load", description = "Loads a community's messages from a JSON-lines file (the"
        + " archivist build format) into the host's message store through its importer")
public class LoadCommand implements Action {
    @Reference
    private MessageImporter importer;

    @Argument(index = 0, name = "community", required = true, description = "The community id (0x + 66 hex digits)")
    private String community;

    @Argument(index = 1, name = "file", required = true, description = "JSON lines, one message each")
    @Completion(FileCompleter.class)
    private String file;

    @Option(name = "--batch", description = "Messages handed to the importer at once")
    private int batchSize = 1000;

    @Override
    public Object execute() throws Exception {
        CommunityId id = CommunityId.of(community.trim());
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file: " + path.toAbsolutePath());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batchSize);
        }
        long loaded = 0;
        long lastReport = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            JsonlMessages messages = new JsonlMessages(in);
            List<ArchivedMessage> batch = new ArrayList<>(batchSize);
            ArchivedMessage m;
            while ((m = messages.next()) != null) {
                batch.add(m);
                if (batch.size() == batchSize) {
                    importer.importMessages(id, batch);
                    loaded += batch.size();
                    batch = new ArrayList<>(batchSize);
                    if (System.nanoTime() - lastReport > 1_000_000_000L) {
                        lastReport = System.nanoTime();
                        System.out.println("  " + loaded + " messages loaded...");
                    }
                }
            }
            if (!batch.isEmpty()) {
                importer.importMessages(id, batch);
                loaded += batch.size();
            }
        }
        System.out.println("Loaded " + loaded + " messages of " + id + " from " + path);
        return null;
    }
}
