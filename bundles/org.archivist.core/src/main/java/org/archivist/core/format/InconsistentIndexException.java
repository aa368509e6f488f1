package org.archivist.core.format;

import org.archivist.api.InvalidArchiveException;

/**
 * An index whose entries contradict each other or the data: padding not below size, overlapping or
 * out-of-range pieces, an archive id that is not the hash of its metadata, duplicate ids, mixed kinds.
 */
public class InconsistentIndexException extends InvalidArchiveException {
    private static final long serialVersionUID = 1L;

    public InconsistentIndexException(String message) {
        super(message);
    }
}
