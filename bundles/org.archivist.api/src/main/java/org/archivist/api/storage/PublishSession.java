package org.archivist.api.storage;

import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Appends archives of one community to its backend. The core reads the existing index, appends each
 * new blob, then commits the rewritten index; until then, what members see is unchanged. Closing an
 * uncommitted session rolls back what was appended (or leaves it unreferenced, to be reclaimed).
 */
@ConsumerType
public interface PublishSession extends AutoCloseable {

    /** The index bytes as last committed (possibly encrypted), or empty when the set is new. */
    Optional<byte[]> existingIndex() throws StorageException;

    /** Stores one (possibly encrypted) archive blob and says where it went. */
    ArchiveLocation append(byte[] blob) throws StorageException;

    /** Stores the new index (possibly encrypted) atomically and returns the link members will receive. */
    String commit(byte[] index) throws StorageException;

    /** Ends the session; without a commit, the previous set stays exactly as it was. */
    @Override
    void close() throws StorageException;
}
