package org.archivist.api.content;

/**
 * What the file service's own storage holds now.
 *
 * @param usedBytes bytes of staged publishes, fetches in progress and fetched files
 * @param maxBytes  the configured maximum, 0 for none
 * @param atLimit   whether the last transfer was refused for lack of space (cleared by the next that fits)
 */
public record StorageUsage(long usedBytes, long maxBytes, boolean atLimit) {
}
