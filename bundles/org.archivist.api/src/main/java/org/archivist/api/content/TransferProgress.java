package org.archivist.api.content;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the progress of one transfer, in bytes. Called from the store's threads; keep it quick. */
@FunctionalInterface
@ConsumerType
public interface TransferProgress {
    TransferProgress NONE = (done, total) -> { };

    /** @param total the size when known, else -1 */
    void bytes(long done, long total);
}
