package org.archivist.core.directory;

import java.util.List;

import org.archivist.api.IndexEntry;

/**
 * What {@link ArchiveDirectory#rebuildIndex} found in a data file.
 *
 * @param recovered   the archives that decoded, in data order, with their message counts
 * @param unrecovered the byte ranges that did not decode as an archive, with the reason
 * @param written     whether a new index was committed (only when everything decoded, or the only
 *                    undecodable range was a tail the caller allowed to cut)
 * @param cutTail     bytes cut off the end of the data file (an interrupted append), 0 when none
 */
public record RecoveryReport(List<Recovered> recovered, List<Unrecovered> unrecovered, boolean written,
        long cutTail) {
    public RecoveryReport {
        recovered = List.copyOf(recovered);
        unrecovered = List.copyOf(unrecovered);
    }

    public record Recovered(IndexEntry entry, int messages, boolean encrypted) {
    }

    public record Unrecovered(long from, long to, String reason) {
    }
}
