package org.archivist.api.host;

import java.io.InputStream;
import java.nio.channels.FileChannel;
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

    /**
     * Decrypts a blob of the community as a stream, so that a blob of any size is read in bounded memory. The
     * payload (what {@link HashRatchetCiphertext#payload()} would hold; Status: ciphertext || tag || nonce) is the
     * {@code length} bytes of {@code file} from {@code offset}; {@code header} gives the other fields (its payload
     * is ignored). The whole payload is authenticated before this returns: a wrong key, a tampered or truncated
     * payload throws here, and the stream returned yields only plaintext that authenticated. The caller must not
     * change that range of the file while it reads the stream, and closes the stream; {@code file} stays open.
     * A cipher that decrypts whole arrays only returns empty (the default): the core then reads the payload into
     * memory and calls {@link #decrypt}.
     *
     * @throws MissingKeyException when the key named by the header is not known here (yet)
     * @since 2.3
     */
    default Optional<InputStream> decryptStreaming(CommunityId community, HashRatchetCiphertext header,
            FileChannel file, long offset, long length) throws CipherException {
        return Optional.empty();
    }
}
