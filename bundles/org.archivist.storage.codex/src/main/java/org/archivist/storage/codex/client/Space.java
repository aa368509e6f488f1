package org.archivist.storage.codex.client;

/** The node's storage: blocks held, quota and bytes used (padded 64 KiB blocks plus manifests). */
public record Space(long totalBlocks, long quotaMaxBytes, long quotaUsedBytes, long quotaReservedBytes) {
}
