package org.archivist.core.directory;

import org.archivist.api.storage.StorageException;

/**
 * A community's archive directory cannot be trusted: the data file is shorter than its index says, the
 * index does not decode or describes a layout status-go never writes. Nothing is repaired automatically;
 * the message names the file and the problem.
 */
public class CorruptArchiveDirectoryException extends StorageException {
    private static final long serialVersionUID = 1L;

    public CorruptArchiveDirectoryException(String message) {
        super(message, false);
    }

    public CorruptArchiveDirectoryException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
