package org.archivist.storage.codex.cid;

/** Text that does not parse as a content identifier; the message says why. */
public class InvalidCidException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidCidException(String message) {
        super(message);
    }
}
