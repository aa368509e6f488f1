package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.io.InterruptedIOException;

import org.archivist.api.content.ContentException;
import org.archivist.api.content.ContentIntegrityException;
import org.archivist.api.content.InvalidLinkException;
import org.archivist.storage.codex.client.CodexException;
import org.archivist.storage.codex.client.CodexIntegrityException;
import org.archivist.storage.codex.client.CodexNotFoundException;
import org.archivist.storage.codex.client.CodexRejectedException;

/** Turns Codex client failures into the content SPI's typed exceptions, keeping message and retryability. */
final class ContentErrors {
    private ContentErrors() {
    }

    static ContentException of(String what, IOException e) throws InterruptedException {
        if (e instanceof InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)) {
            InterruptedException i = new InterruptedException(what + ": interrupted");
            i.initCause(e);
            throw i;
        }
        if (e instanceof CodexIntegrityException) {
            return new ContentIntegrityException(what + ": " + e.getMessage(), e);
        }
        if (e instanceof CodexNotFoundException) {
            return new ContentException(what + ": nobody serves it now (" + e.getMessage() + ")", true, e);
        }
        if (e instanceof CodexRejectedException) {
            return new InvalidLinkException(what + ": " + e.getMessage(), e);
        }
        if (e instanceof CodexException c) {
            return new ContentException(what + ": " + c.getMessage(), c.retryable(), e);
        }
        return new ContentException(what + ": " + e, true, e);
    }
}
