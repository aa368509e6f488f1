package org.archivist.tool.archive;

import java.util.Optional;

import org.archivist.api.host.ArchiveCipher;
import org.archivist.host.reference.internal.GroupKey;
import org.archivist.host.reference.internal.HashRatchetCipher;
import org.archivist.tool.UsageException;

/** The tool's cipher for {@code --encrypt-key}: one static hash-ratchet group key. */
public final class Ciphers {
    /** The key timestamp the tool uses for its keys (part of the key id). */
    static final long KEY_TIMESTAMP = 0;
    static final String INSTALLATION_ID = "archivist-tool";

    private Ciphers() {
    }

    public static Optional<ArchiveCipher> fromFlag(Optional<String> hexKey) throws UsageException {
        if (hexKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = Hex.parse("--encrypt-key", hexKey.get());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (key.length != 32) {
            throw new UsageException("--encrypt-key must be 32 bytes (64 hex digits), got " + key.length + " bytes");
        }
        return Optional.of(HashRatchetCipher.withKey(new GroupKey(KEY_TIMESTAMP, key), INSTALLATION_ID));
    }
}
