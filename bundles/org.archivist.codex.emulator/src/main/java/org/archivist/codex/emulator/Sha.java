package org.archivist.codex.emulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

final class Sha {
    private Sha() {
    }

    static MessageDigest create() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        return create().digest(data);
    }
}
