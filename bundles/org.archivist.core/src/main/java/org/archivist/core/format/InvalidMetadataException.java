package org.archivist.core.format;

import org.archivist.api.InvalidArchiveException;

/** Archive metadata that decodes but makes no sense: {@code from >= to}, a topic that is not 4 bytes, a version. */
public class InvalidMetadataException extends InvalidArchiveException {
    private static final long serialVersionUID = 1L;

    public InvalidMetadataException(String message) {
        super(message);
    }
}
