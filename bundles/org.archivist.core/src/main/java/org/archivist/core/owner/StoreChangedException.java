package org.archivist.core.owner;

import java.io.IOException;

/** The message store returned other messages on the writing pass than on the chunking pass. */
final class StoreChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    StoreChangedException(String message) {
        super(message);
    }
}
