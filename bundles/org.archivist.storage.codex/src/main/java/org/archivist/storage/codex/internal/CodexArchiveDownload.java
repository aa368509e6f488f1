package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.DownloadProgress;
import org.archivist.api.storage.StorageException;
import org.archivist.storage.codex.client.Cancellation;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.DownloadOptions;

/** A member's fetch of an index CID and the archive CIDs it lists, each verified against its CID. */
final class CodexArchiveDownload implements ArchiveDownload {
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
}
