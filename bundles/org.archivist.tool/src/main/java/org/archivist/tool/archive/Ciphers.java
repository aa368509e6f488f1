package org.archivist.tool.archive;

import java.util.Optional;

import org.archivist.api.host.ArchiveCipher;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.tool.UsageException;

/** The tool's cipher for {@code --encrypt-key}: one static hash-ratchet group key. */
public final class Ciphers {
    /** The key timestamp the tool uses for its keys (part of the key id). */
    static final long KEY_TIMESTAMP = 0;

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
        // a fresh installation id status-go cannot mistake for a plain archive (the former fixed "archivist-tool"
        // parsed as protobuf, so status-go read such archives as plain and empty)
        return Optional.of(ReferenceNode.cipherWithKey(new ReferenceNode.GroupKeyMaterial(KEY_TIMESTAMP, key)));
    }
}
