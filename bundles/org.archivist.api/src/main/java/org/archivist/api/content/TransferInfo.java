package org.archivist.api.content;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one transfer of a {@link FileService} looks like now, for status displays.
 *
 * @param direction  a publish (this node stores a file) or a fetch (this node downloads one)
 * @param name       a publish's file name (may be empty), a fetch's link text
 * @param link       the file's link, once known
 * @param state      where it is
 * @param doneBytes  bytes moved so far
 * @param totalBytes bytes to move, -1 while unknown
 * @param started    when it was asked for
 * @param failure    why it failed, for a {@link TransferState#FAILED} one
 * @since 1.1
 */
public record TransferInfo(Direction direction, String name, Optional<FileLink> link, TransferState state,
        long doneBytes, long totalBytes, Instant started, Optional<String> failure) {

    /** Which way the bytes go. */
    public enum Direction {
        PUBLISH, FETCH
    }

    public TransferInfo {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(started, "started");
        name = name == null ? "" : name;
        link = link == null ? Optional.empty() : link;
        failure = failure == null ? Optional.empty() : failure;
    }
}
