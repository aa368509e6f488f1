package org.archivist.commands.internal;

import java.util.Optional;

import org.archivist.api.IndexEntry;

/** The verdict on one archive of an index: its messages when it is sound, what is wrong otherwise. */
record ArchiveCheck(IndexEntry entry, int messages, long bytes, Optional<String> problem) {

    static ArchiveCheck ok(IndexEntry entry, int messages, long bytes) {
        return new ArchiveCheck(entry, messages, bytes, Optional.empty());
    }

    static ArchiveCheck failed(IndexEntry entry, String problem) {
        return new ArchiveCheck(entry, 0, 0, Optional.of(problem));
    }

    boolean ok() {
        return problem.isEmpty();
    }
}
