package org.archivist.api.service;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something beside the storage backends that keeps bytes on this node's disk for Archivist (the file service: staged
 * publishes, fetches in progress, fetched copies). Registered as an OSGi service (outside OSGi handed to the
 * scheduler), it is counted by the {@link NodeStorage node's storage limit}, which may release its
 * {@link #releasable() releasable copies}. Its methods are called from any thread and must not call back into
 * {@link NodeStorage}.
 *
 * @since 1.6
 */
@ConsumerType
public interface StorageHolder {
    /** A short name for logs, events and {@link ReleasableCopy#holder()}, e.g. {@code files}. */
    String name();

    /** The bytes it holds now, bytes reserved by transfers running included. */
    long storedBytes() throws IOException;

    /** The copies it would let go (others serve them), in any order; never a copy that is the only one. */
    List<ReleasableCopy> releasable() throws IOException;

    /**
     * Deletes one of its {@link #releasable()} copies.
     *
     * @return the bytes freed; 0 when it was already gone or is no longer releasable
     */
    long release(ReleasableCopy copy) throws IOException;
}
