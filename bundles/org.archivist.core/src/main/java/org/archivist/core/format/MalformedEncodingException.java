package org.archivist.core.format;

import org.archivist.api.InvalidArchiveException;

/**
 * The bytes are not a valid protobuf encoding of what they should be: truncated, a length prefix past
 * the end or over a limit, a known field with the wrong wire type, invalid UTF-8.
 */
public class MalformedEncodingException extends InvalidArchiveException {
    private static final long serialVersionUID = 1L;

    public MalformedEncodingException(String message) {
        super(message);
    }

    public MalformedEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
