package org.archivist.api.service;

import java.io.IOException;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One storage limit for everything Archivist keeps on this node's disk (the scheduler's {@code maxStorageBytes}):
 * the storage backends' archive sets and local copies, the scheduler's directory and every {@link StorageHolder}
 * (the file service's files), counted together. The scheduler provides it (an OSGi service); whoever is about to
 * write asks {@link #makeRoom} first.
 *
 * <p>When something does not fit, the configured {@link #releasePolicy()} says what the node releases by itself
 * (fetched files, then members' imported archive sets, oldest first); an operator releases by hand with
 * {@link #release}. An owner's published archives and staged publishes are never released. Each released copy is
 * posted to EventAdmin as {@value #RELEASED_TOPIC}; a refusal as {@value #LIMIT_REACHED_TOPIC}.
 *
 * @since 1.6
 */
@ProviderType
public interface NodeStorage {
    /**
     * EventAdmin topic of a released copy; properties {@value #HOLDER}, {@value #KIND}, {@value #ID}, {@value #BYTES},
     * {@value #COMMUNITY} when known.
     */
    String RELEASED_TOPIC = "org/archivist/storage/RELEASED";
    /**
     * EventAdmin topic of a write refused at the limit; properties {@value #USED_BYTES}, {@value #MAX_BYTES},
     * {@value #NEEDED_BYTES}, {@value #WHAT}.
     */
    String LIMIT_REACHED_TOPIC = "org/archivist/storage/LIMIT_REACHED";
    String HOLDER = "holder";
    String KIND = "kind";
    String ID = "id";
    String BYTES = "bytes";
    String COMMUNITY = "community";
    String USED_BYTES = "usedBytes";
    String MAX_BYTES = "maxBytes";
    String NEEDED_BYTES = "neededBytes";
    String WHAT = "what";

    /** The bytes in use node-wide against the limit. Walks the directories: not for a tight loop. */
    StorageUsage usage() throws IOException;

    /** What the node releases by itself at the limit. */
    ReleasePolicy releasePolicy();

    /**
     * Whether {@code bytes} more fit under the limit, after releasing what the {@link #releasePolicy()} allows when
     * they do not; always without a limit. Reserves nothing: the caller writes them and counts them as its own (a
     * {@link StorageHolder} counts its running transfers' reservations). A refusal posts
     * {@value #LIMIT_REACHED_TOPIC}.
     *
     * @param what what is to be written, for logs and events
     */
    boolean makeRoom(long bytes, String what) throws IOException;

    /**
     * An operator's release: deletes releasable copies of the given kinds, oldest first (files before archive sets),
     * until {@code bytes} were freed or nothing of those kinds is left; whatever the {@link #releasePolicy()}.
     *
     * @param bytes  how many bytes to free; {@link Long#MAX_VALUE}: every releasable copy of those kinds
     * @param dryRun list what would be released, delete nothing
     * @throws IllegalArgumentException when {@code bytes} is not positive or {@code kinds} is empty
     */
    ReleaseReport release(long bytes, Set<ReleasableCopy.Kind> kinds, boolean dryRun) throws IOException;
}
