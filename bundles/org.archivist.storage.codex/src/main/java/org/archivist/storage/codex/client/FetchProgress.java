package org.archivist.storage.codex.client;

/**
 * A background fetch's progress ({@code GET …/network/progress/{id}}). {@code active} is false once it has
 * finished, was cancelled, or is unknown to the node; the counts are then zero.
 */
public record FetchProgress(boolean active, long receivedBlocks, long totalBlocks, long bytes) {
}
