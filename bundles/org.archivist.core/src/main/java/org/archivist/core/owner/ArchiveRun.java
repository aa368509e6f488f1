package org.archivist.core.owner;

import java.util.List;
import java.util.Optional;

import org.archivist.api.IndexEntry;

/**
 * What one archive run did.
 *
 * @param created  the new archives, in the order they were appended
 * @param index    every entry of the index after the run (the old ones and the new ones)
 * @param link     the link the session returned on commit; empty when nothing was created (no commit)
 * @param dropped  messages left out because they alone exceed the archive size limit
 */
public record ArchiveRun(List<CreatedArchive> created, List<IndexEntry> index, Optional<String> link, int dropped) {
    public ArchiveRun {
        created = List.copyOf(created);
        index = List.copyOf(index);
    }

    public boolean createdAny() {
        return !created.isEmpty();
    }
}
