package org.archivist.api.host;

import java.io.OutputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One blob being encrypted as a stream with the community's hash ratchet, so that an archive of any size is
 * sealed without being held in memory. Its header (key ids, ratchet step) is fixed when it starts; its payload
 * is what {@link ArchiveCipher#encrypt} would put into {@link HashRatchetCiphertext#payload()} for the same
 * plaintext: for Status, {@code AES-256-GCM ciphertext || 16-byte tag || 12-byte nonce}.
 *
 * @since 2.2
 */
@ConsumerType
public interface StreamingEncryption {

    /** The message's header fields; their {@link HashRatchetCiphertext#payload() payload} is empty. */
    HashRatchetCiphertext header();

    /** The payload's length for a plaintext of {@code plaintextLength} bytes (Status: plaintext + 28). */
    long payloadLength(long plaintextLength);

    /**
     * A stream that encrypts the plaintext written to it into {@code payload}. Closing it writes the end of the
     * payload (Status: tag and nonce) and leaves {@code payload} open. Use it once.
     */
    OutputStream encryptInto(OutputStream payload) throws CipherException;
}
