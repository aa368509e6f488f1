package org.archivist.api.host;

import org.archivist.api.ArchivistException;

/** An announcement could not be sent (transport down, key unavailable). */
public class ChannelException extends ArchivistException {
    private static final long serialVersionUID = 1L;

    public ChannelException(String message) {
        super(message);
    }

    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
