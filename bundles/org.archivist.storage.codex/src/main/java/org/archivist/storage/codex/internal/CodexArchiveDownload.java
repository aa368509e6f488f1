package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Comparator;
import java.util.stream.Stream;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.ArchiveSizeLookup;
import org.archivist.api.storage.DownloadProgress;
import org.archivist.api.storage.StorageException;
import org.archivist.storage.codex.cid.Cid;
import org.archivist.storage.codex.cid.CodexLine;
import org.archivist.storage.codex.cid.CodexManifest;
import org.archivist.storage.codex.client.Cancellation;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.DownloadOptions;

/**
 * A member's fetch of an index CID and the archive CIDs it lists, each verified against its CID; an archive's size
 * is asked of the node's manifest before its fetch ({@link ArchiveSizeLookup}).
 */
final class CodexArchiveDownload implements ArchiveDownload, ArchiveSizeLookup {
    private final CodexClient client;
    private final String link;
    private final Path scratch;
    private final Cancellation cancellation = new Cancellation();

    CodexArchiveDownload(CodexClient client, String link, Path scratch) {
        this.client = client;
        this.link = link;
        this.scratch = scratch;
    }

    @Override
    public String link() {
        return link;
    }

    @Override
    public byte[] index() throws StorageException, InterruptedException {
        return fetch(link, "the index " + link, DownloadProgress.NONE);
    }

    @Override
    public byte[] archive(ArchiveLocation location, DownloadProgress progress)
            throws StorageException, InterruptedException {
        if (!(location instanceof ArchiveLocation.ContentAddress address)) {
            throw new StorageException("a Codex index locates archives by CID, not by " + location, false);
        }
        return fetch(address.cid(), "the archive " + address.cid(), progress);
    }

    /** Streams the archive into {@code target}, hashed as it arrives and checked against its CID. */
    @Override
    public long archiveTo(ArchiveLocation location, Path target, DownloadProgress progress)
            throws StorageException, InterruptedException {
        if (!(location instanceof ArchiveLocation.ContentAddress address)) {
            throw new StorageException("a Codex index locates archives by CID, not by " + location, false);
        }
        try {
            client.download(address.cid(), target, DownloadOptions.DEFAULT.cancellation(cancellation)
                    .progress(progress::bytes));
            return Files.size(target);
        } catch (InterruptedIOException e) {
            throw new InterruptedException("interrupted while fetching the archive " + address.cid());
        } catch (IOException e) {
            throw StorageErrors.of("fetch the archive " + address.cid(), e);
        }
    }

    private byte[] fetch(String cid, String what, DownloadProgress progress)
            throws StorageException, InterruptedException {
        Path target = scratch.resolve(cid);
        try {
            Files.createDirectories(scratch);
            client.download(cid, target, DownloadOptions.DEFAULT.cancellation(cancellation)
                    .progress(progress::bytes));
            return Files.readAllBytes(target);
        } catch (InterruptedIOException e) {
            throw new InterruptedException("interrupted while fetching " + what);
        } catch (IOException e) {
            throw StorageErrors.of("fetch " + what, e);
        } finally {
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                // scratch is removed on close
            }
        }
    }

    @Override
    public void cancel() {
        cancellation.cancel();
    }

    @Override
    public void close() {
        cancellation.cancel();
        try (Stream<Path> walk = Files.walk(scratch)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // already gone
        }
    }

    /**
     * The archive's {@code datasetSize} from the node's manifest ({@code GET /data/{cid}/network/manifest}, fetched
     * from the network when not local; spec codex-api.md §1.7), trusted only when the manifest hashes to the CID (on
     * either node line), so a node cannot understate it. The fetch still verifies the bytes against the CID.
     */
    @Override
    public OptionalLong archiveSize(ArchiveLocation location) throws StorageException, InterruptedException {
        if (!(location instanceof ArchiveLocation.ContentAddress address)) {
            return OptionalLong.empty();
        }
        try {
            Cid cid = Cid.parse(address.cid());
            CodexManifest manifest = client.manifest(address.cid()).manifest();
            if (!manifest.cid(CodexLine.CODEX_V1).equals(cid) && !manifest.cid(CodexLine.STORAGE_V1).equals(cid)) {
                throw new StorageException("the node's manifest of the archive " + cid + " does not hash to its CID",
                        true);
            }
            return OptionalLong.of(manifest.datasetSize());
        } catch (InterruptedIOException e) {
            throw new InterruptedException("interrupted while asking the size of " + address.cid());
        } catch (IOException e) {
            throw StorageErrors.of("ask the manifest of the archive " + address.cid(), e);
        } catch (IllegalArgumentException e) {
            throw new StorageException("the archive " + address.cid() + " has no valid manifest: " + e.getMessage(),
                    false, e);
        }
    }
}
