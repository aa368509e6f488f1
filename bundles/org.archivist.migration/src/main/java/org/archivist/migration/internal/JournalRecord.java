package org.archivist.migration.internal;

import java.util.Objects;

import org.archivist.api.ArchiveLocation;

/**
 * What the journal knows of one archive, keyed on its content (the SHA-256 of the blob's bytes), so that it
 * holds whatever the target calls the blob (a Codex node upgrade changes manifest CIDs, not the bytes).
 *
 * @param sha256    hex SHA-256 of the blob as stored (possibly encrypted)
 * @param length    the blob's length
 * @param sourceId  the archive's id in the source index (for the operator)
 * @param location  where the target stored it
 * @param verified  whether its bytes were fetched back from the target and matched
 */
record JournalRecord(String sha256, long length, String sourceId, ArchiveLocation location, boolean verified) {
    JournalRecord {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(location, "location");
    }

    JournalRecord verified(boolean v) {
        return new JournalRecord(sha256, length, sourceId, location, v);
    }
}
