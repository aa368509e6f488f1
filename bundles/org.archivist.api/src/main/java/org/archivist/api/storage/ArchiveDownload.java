package org.archivist.api.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.archivist.api.ArchiveLocation;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A member's fetch of one announced archive set. The core asks for the index, decides which archives
 * it lacks, and asks for those one by one. {@link #cancel()} from any thread makes a blocked call throw
 * {@link java.util.concurrent.CancellationException}; what was verified so far stays for a resume.
 */
@ConsumerType
public interface ArchiveDownload extends AutoCloseable {

    /** The announced link. */
    String link();

    /** Fetches the index bytes as stored (possibly encrypted); fails with a timeout if nobody serves it. */
    byte[] index() throws StorageException, InterruptedException;

    /**
     * Fetches one archive blob (without padding), verified against what the backend can check
     * (piece hashes, content ids), reporting progress as it goes.
     */
    byte[] archive(ArchiveLocation location, DownloadProgress progress) throws StorageException, InterruptedException;

    /**
     * Fetches one archive blob (without padding) into {@code target}, created or replaced, verified as
     * {@link #archive} verifies it, so that a blob of any size is fetched in bounded memory; returns its length.
     * When this throws, {@code target} may hold part of the blob: the caller deletes it. The default writes what
     * {@link #archive} returns; backends override it to stream.
     *
     * @since 2.2
     */
    default long archiveTo(ArchiveLocation location, Path target, DownloadProgress progress)
            throws StorageException, InterruptedException {
        byte[] blob = archive(location, progress);
        try {
            Files.write(target, blob, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageException("cannot write the archive to " + target + ": " + e.getMessage(), true, e);
        }
        return blob.length;
    }

    /** Stops every transfer of this download. */
    void cancel();

    /** Releases the download; verified data stays on disk for the next attempt. */
    @Override
    void close();
}
