package org.archivist.api.host;

import java.util.Objects;

/**
 * One blob encrypted with the community's hash ratchet, the parts status-go puts into
 * {@code ProtocolMessage.encrypted_message["none"]}: the sender's installation id, the HR header
 * ({@code group_id} = 33-byte community id, {@code key_id}, {@code deprecated_key_id}, {@code seq_no})
 * and the payload {@code AES-256-GCM(key_n, plaintext)} written as ciphertext || tag || 12-byte nonce.
 */
public record HashRatchetCiphertext(String installationId, byte[] groupId, byte[] keyId, int deprecatedKeyId,
        int seqNo, byte[] payload) {
    public HashRatchetCiphertext {
        installationId = installationId == null ? "" : installationId;
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(payload, "payload");
    }
}
