package org.archivist.api.storage;

import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Appends archives of one community to its backend. The core reads the existing index, appends each
 * new blob, then commits the rewritten index; until then, what members see is unchanged.
 *
 * <p><b>Contract</b> (the same for every backend; the test kit checks it):
 * <ul>
 * <li>A session is used by one thread at a time; a backend allows one open session per community and
 * fails {@link StorageBackend#beginPublish} (retryable) while another is open.</li>
 * <li>Misuse is an {@link IllegalStateException}: {@link #append} or {@link #commit} after a commit or a
 * close, and a {@link BlobWriter} that writes more or fewer bytes than announced (the partial blob is
 * discarded). A non-positive length is an {@link IllegalArgumentException}. Nothing is changed on misuse.</li>
 * <li>A failure of the writer itself reaches the caller as a non-retryable {@link StorageException} whose
 * cause is the writer's exception; the partial blob is discarded.</li>
 * <li>Closing an uncommitted session rolls back what was appended (or leaves it unreferenced, to be
 * reclaimed): the previous set stays exactly as it was. {@link #close} is idempotent.</li>
 * </ul>
 */
@ConsumerType
public interface PublishSession extends AutoCloseable {

    /** The index bytes as last committed (possibly encrypted), or empty when the set is new. */
    Optional<byte[]> existingIndex() throws StorageException;

    /**
     * Stores one (possibly encrypted) archive blob of {@code length} bytes, written by {@code writer} into the
     * backend's storage as a stream (no backend buffers the whole blob), and says where it went.
     */
    ArchiveLocation append(long length, BlobWriter writer) throws StorageException;

    /** Stores a blob held in memory; the same as {@link #append(long, BlobWriter)}. */
    default ArchiveLocation append(byte[] blob) throws StorageException {
        return append(blob.length, out -> out.write(blob));
    }

    /** Stores the new index (possibly encrypted) atomically and returns the link members will receive. */
    String commit(byte[] index) throws StorageException;

    /** Ends the session; without a commit, the previous set stays exactly as it was. */
    @Override
    void close() throws StorageException;
}
