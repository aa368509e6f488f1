package org.archivist.core.format;

import java.util.List;
import java.util.Objects;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;

/** One decoded archive blob: its metadata and its messages, in the order the blob had them. */
public record DecodedArchive(ArchiveMetadata metadata, List<ArchivedMessage> messages) {
    public DecodedArchive {
        Objects.requireNonNull(metadata, "metadata");
        messages = List.copyOf(messages);
    }
}
