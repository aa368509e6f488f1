package org.archivist.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives progress of one archive's transfer. Called from the backend's threads; keep it quick. */
@FunctionalInterface
@ConsumerType
public interface DownloadProgress {
    DownloadProgress NONE = (done, total) -> { };

    void bytes(long done, long total);
}
