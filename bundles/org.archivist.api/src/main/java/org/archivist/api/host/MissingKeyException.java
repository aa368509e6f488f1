package org.archivist.api.host;

/**
 * The hash-ratchet key a blob was encrypted with is not (yet) known here, status-go's
 * {@code ErrHashRatchetGroupIDNotFound}: retry much later, do not spin.
 */
public class MissingKeyException extends CipherException {
    private static final long serialVersionUID = 1L;

    public MissingKeyException(String message) {
        super(message);
    }
}
