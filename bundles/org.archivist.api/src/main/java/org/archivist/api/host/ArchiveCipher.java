package org.archivist.api.host;

import java.util.Optional;

import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The community's hash-ratchet cipher; the chat server owns the keys. The core wraps what this returns
 * into the Status encryption envelope and unwraps it again before calling {@link #decrypt}.
 */
@ConsumerType
public interface ArchiveCipher {

    /** Encrypts with the community's current key at the next ratchet step. */
    HashRatchetCiphertext encrypt(CommunityId community, byte[] plaintext) throws CipherException;

    /**
     * Starts encrypting one blob as a stream, with the community's current key at the next ratchet step (the
     * step is taken now). A cipher that seals whole arrays only returns empty (the default): the core then
     * encodes the blob into memory and calls {@link #encrypt}.
     *
     * @since 2.2
     */
    default Optional<StreamingEncryption> encryptStreaming(CommunityId community) throws CipherException {
        return Optional.empty();
    }

    /**
     * Decrypts a blob of the community.
     *
     * @throws MissingKeyException when the key named by the header is not known here (yet)
     */
    byte[] decrypt(CommunityId community, HashRatchetCiphertext ciphertext) throws CipherException;
}
