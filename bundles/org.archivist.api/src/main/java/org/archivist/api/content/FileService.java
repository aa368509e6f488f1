package org.archivist.api.content;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Files (attachments up to {@value #MAX_FILE_BYTES} bytes) through Archivist's storage, for a chat server's send
 * and receive paths. Publishing returns at once and uploads in the background; fetching downloads, verifies the
 * bytes against the link, and decrypts them with the host's cipher when the community is encrypted.
 */
@ProviderType
public interface FileService {
    /** The largest file accepted. */
    long MAX_FILE_BYTES = 50L * 1024 * 1024;

    /**
     * Starts publishing a copy of the file (the caller may change or delete it once {@link PublishHandle#link()}
     * completed).
     *
     * @throws ContentException (not retryable) for a file larger than {@link #MAX_FILE_BYTES} or a storage type
     *                          this node does not run; every later failure completes the handle's futures
     */
    PublishHandle publish(Path file, FileMetadata metadata) throws ContentException;

    /** As {@link #publish(Path, FileMetadata)}, for bytes in memory. */
    PublishHandle publish(byte[] bytes, FileMetadata metadata) throws ContentException;

    /**
     * Starts fetching a file into the service's own directory; the result is the verified, decrypted file. A
     * fetch of the same link after an interruption continues from what was verified.
     */
    Transfer<Path> fetch(FileLink link) throws ContentException;

    /** Stops keeping a file this node published available, and drops the local copies. */
    void release(FileLink link) throws ContentException;

    /**
     * The service's storage now. At its configured maximum a fetch first releases fetched copies of others'
     * files, oldest first, and fails with a {@link StorageLimitException} when that is not enough; a publish
     * fails the same way (its staged copy is needed until stored).
     */
    StorageUsage usage() throws ContentException;

    /**
     * The storage types this service can publish on and fetch from now (the blob stores running), sorted.
     *
     * @since 1.1
     */
    Set<String> storageTypes();

    /**
     * The transfers running now and the most recent finished ones (a bounded number), oldest first.
     *
     * @since 1.1
     */
    List<TransferInfo> transfers();
}
