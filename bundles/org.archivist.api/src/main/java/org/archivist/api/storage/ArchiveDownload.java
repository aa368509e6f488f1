package org.archivist.api.storage;

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

    /** Stops every transfer of this download. */
    void cancel();

    /** Releases the download; verified data stays on disk for the next attempt. */
    @Override
    void close();
}
