package org.archivist.commands.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.api.action.Completion;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileMetadata;
import org.archivist.api.content.FileService;
import org.archivist.api.content.PublishHandle;

/**
 * {@code file:publish <path>}: publishes a file through the file service and prints its link as soon as it is
 * known (the upload goes on in the background unless {@code --wait}).
 */
@Service
@Command(scope = "file", name = "publish", description = "Publishes a file (up to 50 MB) on a storage backend and"
        + " prints its link (archivist-file:...), which a receiver fetches with file:fetch; encrypted with the"
        + " community's key when --community names an encrypted community")
public class FilePublishCommand implements Action {
    @Reference
    private FileService files;

    @Argument(index = 0, name = "path", required = true, description = "The file to publish")
    @Completion(FileCompleter.class)
    private String path;

    @Option(name = "--community", description = "The community the file is shared in (0x + 66 hex digits)")
    private String community;

    @Option(name = "--backend", description = "The storage type (codex, bittorrent, ...); default: the service's")
    private String backend;

    @Option(name = "--wait", description = "Wait until the file is stored, showing progress")
    private boolean waitStored;

    @Option(name = "--timeout", description = "Seconds to wait for the link, and with --wait for the upload")
    private int timeoutSeconds = 600;

    @Override
    public Object execute() throws Exception {
        Path file = Path.of(path).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        String name = file.getFileName().toString();
        FileMetadata metadata = community == null ? FileMetadata.plain(name)
                : FileMetadata.in(Communities.parse(community), name);
        if (backend != null) {
            if (!files.storageTypes().contains(backend)) {
                throw new IllegalArgumentException("storage type '" + backend + "' does not run here (running: "
                        + files.storageTypes() + ")");
            }
            metadata = metadata.on(backend);
        }
        PublishHandle handle = files.publish(file, metadata);
        FileLink link = TransferWait.follow(new LinkOf(handle), Duration.ofSeconds(timeoutSeconds), System.out);
        System.out.println("Link   : " + link.encode());
        // single-quoted: the shell splits a command line on ';' and reads a magnet's ?..&.. inside double quotes
        System.out.println("Fetch  : file:fetch '" + link.encode() + "'");
        if (!waitStored) {
            System.out.println("Stored : in the background (file:status shows the upload)");
            return null;
        }
        TransferWait.follow(handle, Duration.ofSeconds(timeoutSeconds), System.out);
        System.out.println("Stored : on " + link.storageType() + ", " + link.size() + " bytes");
        return null;
    }

    /** The publish seen as a transfer that ends when its link is known. */
    private record LinkOf(PublishHandle handle) implements org.archivist.api.content.Transfer<FileLink> {
        @Override
        public java.util.concurrent.CompletableFuture<FileLink> result() {
            return handle.link();
        }

        @Override
        public org.archivist.api.content.TransferState state() {
            return handle.state();
        }

        @Override
        public long doneBytes() {
            return handle.doneBytes();
        }

        @Override
        public long totalBytes() {
            return handle.totalBytes();
        }

        @Override
        public void cancel() {
            handle.cancel();
        }
    }
}
