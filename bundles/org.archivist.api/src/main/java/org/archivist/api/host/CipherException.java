package org.archivist.api.host;

import org.archivist.api.ArchivistException;

/** Encryption or decryption failed: wrong key, tampered ciphertext, unknown group. */
public class CipherException extends ArchivistException {
    private static final long serialVersionUID = 1L;

    public CipherException(String message) {
        super(message);
    }

    public CipherException(String message, Throwable cause) {
        super(message, cause);
    }
}
