package org.archivist.core.format;

import org.archivist.api.InvalidArchiveException;

/** A message in an archive weighs more (payload + signature) than any archive may carry. */
public class OversizedMessageException extends InvalidArchiveException {
    private static final long serialVersionUID = 1L;

    public OversizedMessageException(String message) {
        super(message);
    }
}
