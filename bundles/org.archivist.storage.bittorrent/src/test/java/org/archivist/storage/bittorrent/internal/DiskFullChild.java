package org.archivist.storage.bittorrent.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.archivist.api.storage.StorageException;
import org.archivist.storage.bittorrent.internal.testing.Archives;
import org.archivist.storage.bittorrent.internal.testing.Backends;

/**
 * Run by {@link DiskFullTest} in a JVM whose file size limit ({@code ulimit -f}) is a few MB: publishes a
 * small set, then one archive too large for the limit, and reports what it sees, line by line.
 */
public final class DiskFullChild {
    private DiskFullChild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        try (BitTorrentBackend backend = Backends.start(root, java.util.List.of())) {
            Archives.Result first = Archives.publish(backend, Archives.COMMUNITY, 0, new int[][] {{4, 1000}}, 1);
            System.out.println("FIRST " + first.link());
            try {
                Archives.publish(backend, Archives.COMMUNITY, 1, new int[][] {{40, 100_000}}, 2);
                System.out.println("SECOND-SUCCEEDED");
            } catch (StorageException e) {
                System.out.println("ERROR retryable=" + e.retryable() + " " + e.getMessage().replace('\n', ' '));
            }
            Optional<String> link = backend.currentLink(Archives.COMMUNITY);
            System.out.println("LINK " + link.orElse("none"));
            byte[] blob = backend.readStored(Archives.COMMUNITY, first.archives().get(0).entry().location());
            System.out.println("READ " + java.util.Arrays.equals(blob, first.archives().get(0).blob()));
            System.out.println("SEEDING " + backend.isSeeding(Archives.COMMUNITY));
        }
        System.out.println("END");
    }
}
