package org.archivist.api.storage;

import java.util.OptionalLong;

import org.archivist.api.ArchiveLocation;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An optional ability of an {@link ArchiveDownload}: telling an archive's size before fetching it, for a location
 * whose size the index does not give (a Codex CID). The member checks the size against the node's storage limit
 * before the download writes anything.
 *
 * @since 2.2
 */
@ConsumerType
public interface ArchiveSizeLookup {
    /**
     * The bytes the archive at {@code location} takes, asked of the storage node (Codex: the manifest's
     * {@code datasetSize}); empty when the node cannot tell. The fetched bytes are verified as always: the size
     * only admits the download.
     */
    OptionalLong archiveSize(ArchiveLocation location) throws StorageException, InterruptedException;
}
