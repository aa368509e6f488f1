package org.archivist.migration;

import java.util.Objects;

import org.archivist.api.storage.StorageBackend;

/**
 * Which backends to migrate between, and whether only to plan.
 *
 * @param source the {@code storage.type} of the backend holding the set now
 * @param target the {@code storage.type} of the backend to copy it to
 * @param dryRun report what would move, its size and an estimate; upload and write nothing
 */
public record MigrationRequest(String source, String target, boolean dryRun) {
    public MigrationRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (source.equals(target)) {
            throw new IllegalArgumentException("source and target are the same backend: " + source);
        }
    }

    /** BitTorrent to Codex, the first pair. */
    public static MigrationRequest bitTorrentToCodex(boolean dryRun) {
        return new MigrationRequest(StorageBackend.BITTORRENT, StorageBackend.CODEX, dryRun);
    }
}
