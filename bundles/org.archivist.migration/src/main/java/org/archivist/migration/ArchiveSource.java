package org.archivist.migration;

import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.StorageException;
import org.osgi.annotation.versioning.ConsumerType;

/** The committed archive set a migration reads: the index bytes as stored and each blob. */
@ConsumerType
public interface ArchiveSource {

    /** The backend's name ({@code storage.type}). */
    String name();

    /** How the source's index and archive ids are encoded. */
    LinkFormat format();

    /** The committed index bytes (possibly encrypted), empty when nothing was ever committed. */
    Optional<byte[]> committedIndex() throws StorageException;

    /** One blob as stored (possibly encrypted), without padding. */
    byte[] read(ArchiveLocation location) throws StorageException;
}
