package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.io.InterruptedIOException;

import org.archivist.api.storage.StorageException;
import org.archivist.storage.codex.client.CodexException;
import org.archivist.storage.codex.client.CodexNotFoundException;

/** Turns client failures into the SPI's {@link StorageException}, keeping the message and retryability. */
final class StorageErrors {
    private StorageErrors() {
    }

    static StorageException of(String what, IOException e) {
        if (e instanceof CodexNotFoundException) {
            // nobody serves it now; the owner's node may come back
            return new StorageException(what + ": " + e.getMessage(), true, e);
        }
        if (e instanceof CodexException c) {
            return new StorageException(what + ": " + c.getMessage(), c.retryable(), e);
        }
        if (e instanceof InterruptedIOException) {
            Thread.currentThread().interrupt();
            return new StorageException(what + ": interrupted", true, e);
        }
        return new StorageException(what + ": " + e, true, e);
    }
}
