package org.archivist.api.storage;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional ability of a backend that keeps published blobs locally: read one back without the network
 * (used to re-publish archives on another backend, for example when migrating BitTorrent to Codex).
 */
@ConsumerType
public interface StoredArchiveReader {
    byte[] readStored(CommunityId community, ArchiveLocation location) throws StorageException;
}
