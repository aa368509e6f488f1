package org.archivist.api;

import java.util.Objects;

/**
 * One archive of an index: its id ({@code "0x"} + keccak256 of the encoded index metadata), what it
 * covers, and where its blob is stored.
 */
public record IndexEntry(String archiveId, ArchiveMetadata metadata, ArchiveLocation location) {
    public IndexEntry {
        Objects.requireNonNull(archiveId, "archiveId");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(location, "location");
    }

    public TimeRange range() {
        return metadata.range();
    }
}
