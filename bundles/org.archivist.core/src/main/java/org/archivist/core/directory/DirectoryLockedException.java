package org.archivist.core.directory;

import org.archivist.api.storage.StorageException;

/**
 * Another writer (another process, or another session of this one) holds a community's archive
 * directory; the message names it (pid and host, as it wrote them into the lock file). Retryable: the
 * holder releases the lock when its run ends.
 */
public class DirectoryLockedException extends StorageException {
    private static final long serialVersionUID = 1L;

    public DirectoryLockedException(String message) {
        super(message, true);
    }
}
