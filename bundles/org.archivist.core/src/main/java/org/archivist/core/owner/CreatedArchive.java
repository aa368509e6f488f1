package org.archivist.core.owner;

import java.util.Objects;

import org.archivist.api.IndexEntry;

/** One archive an archive run created: its index entry and how many messages it holds. */
public record CreatedArchive(IndexEntry entry, int messageCount) {
    public CreatedArchive {
        Objects.requireNonNull(entry, "entry");
    }
}
