package org.archivist.api.service;

import java.util.List;
import java.util.Objects;

/**
 * What a release freed (or, on a dry run, would free).
 *
 * @param released      the copies released (or that would be), in release order
 * @param releasedBytes their bytes
 * @param dryRun        whether nothing was deleted
 * @param usage         the node's storage when the release started
 * @since 1.6
 */
public record ReleaseReport(List<ReleasableCopy> released, long releasedBytes, boolean dryRun, StorageUsage usage) {
    public ReleaseReport {
        released = List.copyOf(released);
        Objects.requireNonNull(usage, "usage");
    }
}
