package org.archivist.host.reference.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Installation ids for the hash-ratchet envelope that status-go cannot mistake for a plain archive.
 *
 * <p>status-go reads an archive by first parsing it as a plain {@code WakuMessageArchive} and decrypting only if
 * that fails. The envelope {@code ProtocolMessage{2 installation_id, 101 encrypted_message}} shares field 2 with
 * {@code WakuMessageArchive.metadata}, and field 101 is unknown there: so the plain parse succeeds, and status-go
 * imports nothing and marks the archive done, exactly when the installation id is empty (field 2 absent) or its
 * UTF-8 bytes are a well-formed protobuf message ({@link ProtobufWire}), as {@code archivist-tool} is. Such ids are
 * refused; {@link #generate()} makes ids that are safe by construction: a random UUID whose first character is
 * {@code f} (0x66: field 12 with wire type 6, which no protobuf parser accepts).
 */
public final class InstallationIds {
    private InstallationIds() {
    }

    /** A fresh random UUID (as status-go's installation ids) that starts with {@code f}. */
    public static String generate() {
        return "f" + UUID.randomUUID().toString().substring(1);
    }

    /** Whether an envelope carrying this installation id would be read as a plain (empty) archive by status-go. */
    public static boolean readAsPlainArchive(String installationId) {
        return installationId == null || installationId.isEmpty()
                || ProtobufWire.wellFormed(installationId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the id if status-go would read archives encrypted under it as encrypted.
     *
     * @throws IllegalArgumentException when it would read them as plain archives
     */
    public static String requireReadAsEncrypted(String installationId) {
        if (readAsPlainArchive(installationId)) {
            throw new IllegalArgumentException("installation id '" + installationId + "' cannot be used: status-go"
                    + " would read the archives encrypted under it as plain, empty archives (it is empty or its bytes"
                    + " parse as a protobuf message); use another, e.g. " + generate());
        }
        return installationId;
    }
}
