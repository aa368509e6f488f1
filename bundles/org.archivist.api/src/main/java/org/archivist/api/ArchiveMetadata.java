package org.archivist.api;

import java.util.List;
import java.util.Objects;

/** What an archive covers: its partition bounds and the community's full topic list. */
public record ArchiveMetadata(TimeRange range, List<ContentTopic> topics) {
    public ArchiveMetadata {
        Objects.requireNonNull(range, "range");
        topics = List.copyOf(topics);
    }
}
