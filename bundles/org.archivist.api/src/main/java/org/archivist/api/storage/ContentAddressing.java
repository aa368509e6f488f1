package org.archivist.api.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional ability of a backend whose locations name content (Codex): the key of some bytes as this backend
 * would store them, computed offline, and the key of what an index entry locates, read from the backend's
 * metadata without fetching the archive. A member compares them to skip archives it already holds from
 * another backend (BitTorrent archives migrated to Codex are the same bytes). Keys do not depend on the
 * version of the storage node, so they survive its upgrades.
 */
@ConsumerType
public interface ContentAddressing {

    /** The key of {@code blob} stored with this backend's fixed upload parameters. */
    String contentKey(byte[] blob);

    /**
     * The key of the blob in {@code file}, as {@link #contentKey(byte[])} gives it for the file's bytes. The
     * default reads the file into memory; backends override it to hash the file as a stream.
     *
     * @since 2.2
     */
    default String contentKey(Path file) throws IOException {
        return contentKey(Files.readAllBytes(file));
    }

    /**
     * The key of the archive at {@code location}, or empty when the backend cannot tell without fetching it.
     *
     * @throws StorageException when the storage node cannot be asked now
     */
    Optional<String> contentKey(CommunityId community, ArchiveLocation location) throws StorageException;
}
