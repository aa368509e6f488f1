package org.archivist.core.format;

import org.archivist.api.InvalidArchiveException;

/** An archive blob that does not match the index entry it was fetched for (metadata or length differ). */
public class ArchiveMismatchException extends InvalidArchiveException {
    private static final long serialVersionUID = 1L;

    public ArchiveMismatchException(String message) {
        super(message);
    }
}
