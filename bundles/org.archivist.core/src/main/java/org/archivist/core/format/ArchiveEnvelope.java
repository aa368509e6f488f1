package org.archivist.core.format;

import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.api.host.MissingKeyException;
import org.archivist.core.internal.ProtoReader;
import org.archivist.proto.EncryptedMessageProtocol;
import org.archivist.proto.HRHeader;
import org.archivist.proto.ProtocolMessage;

import com.google.protobuf.ByteString;

/**
 * The encryption envelope of token-gated communities (spec section 4): a blob or an index is replaced by
 * {@code ProtocolMessage{installation_id, encrypted_message["none"] = {HR_header, payload}}}. The
 * cipher itself belongs to the host ({@link ArchiveCipher}).
 *
 * <p>A sealed blob is recognised by its structure: a {@code ProtocolMessage} whose
 * {@code encrypted_message} (field 101, which no archive or index has) holds {@code "none"} with an HR
 * header. Anything else is plain and passes through {@link #unseal} unchanged.
 */
public final class ArchiveEnvelope {
    /** The {@code encrypted_message} key status-go uses for hash-ratchet (group) messages. */
    public static final String NO_DEVICE = "none";
    private static final int ENCRYPTED_MESSAGE = 101;

    private ArchiveEnvelope() {
    }

    /**
     * Encrypts {@code plaintext} with the community's ratchet and wraps it in the envelope, in memory; a blob of
     * any size is sealed as a stream by {@link SealedBlobWriter}.
     */
    public static byte[] seal(CommunityId community, byte[] plaintext, ArchiveCipher cipher) throws CipherException {
        HashRatchetCiphertext c = cipher.encrypt(community, plaintext);
        EncryptedMessageProtocol message = EncryptedMessageProtocol.newBuilder()
                .setHRHeader(header(c))
                .setPayload(ByteString.copyFrom(c.payload()))
                .build();
        return ProtocolMessage.newBuilder()
                .setInstallationId(c.installationId())
                .putEncryptedMessage(NO_DEVICE, message)
                .build()
                .toByteArray();
    }

    /** The hash-ratchet header of a ciphertext, as the envelope carries it. */
    static HRHeader header(HashRatchetCiphertext c) {
        return HRHeader.newBuilder()
                .setDeprecatedKeyId(c.deprecatedKeyId())
                .setSeqNo(c.seqNo())
                .setGroupId(ByteString.copyFrom(c.groupId()))
                .setKeyId(ByteString.copyFrom(c.keyId()))
                .build();
    }

    /** Whether {@code bytes} are a well-formed hash-ratchet envelope. */
    public static boolean isSealed(byte[] bytes) {
        try {
            return open(bytes).isPresent();
        } catch (InvalidArchiveException e) {
            return true;
        }
    }

    /**
     * The plaintext of a sealed blob, decrypted with {@code cipher}; plain bytes are returned as they are.
     *
     * @throws MissingKeyException     when the blob is sealed and there is no cipher, or it lacks the key
     * @throws MalformedEncodingException when the bytes claim to be an envelope but are not a valid one
     */
    public static byte[] unseal(CommunityId community, byte[] bytes, Optional<ArchiveCipher> cipher)
            throws InvalidArchiveException, CipherException {
        Optional<HashRatchetCiphertext> sealed = open(bytes);
        if (sealed.isEmpty()) {
            return bytes;
        }
        if (cipher.isEmpty()) {
            throw new MissingKeyException("the archive data of " + community
                    + " is encrypted (hash-ratchet envelope) and no cipher is available to decrypt it");
        }
        return cipher.get().decrypt(community, sealed.get());
    }

    /**
     * The ciphertext inside an envelope, or empty when {@code bytes} are not one. Bytes whose top level
     * has no {@code encrypted_message} are plain; bytes that have one must be a valid hash-ratchet envelope.
     */
    public static Optional<HashRatchetCiphertext> open(byte[] bytes) throws InvalidArchiveException {
        if (!hasEncryptedMessage(bytes)) {
            return Optional.empty();
        }
        ProtoReader r = ProtoReader.of(bytes, "ProtocolMessage");
        String installationId = "";
        HashRatchetCiphertext found = null;
        while (r.next()) {
            switch (r.field()) {
                case 2 -> installationId = r.string("installation_id", 1024);
                case ENCRYPTED_MESSAGE -> {
                    HashRatchetCiphertext c = mapEntry(r.message("encrypted_message", "map entry", bytes.length));
                    if (c != null) {
                        found = c;
                    }
                }
                default -> r.skip();
            }
        }
        if (found == null) {
            throw new MalformedEncodingException("ProtocolMessage carries no hash-ratchet message under \""
                    + NO_DEVICE + "\": not an archive envelope (encrypted for devices, not for the community)");
        }
        return Optional.of(new HashRatchetCiphertext(installationId, found.groupId(), found.keyId(),
                found.deprecatedKeyId(), found.seqNo(), found.payload()));
    }

    /** A tolerant scan of the top level: does a field 101 (length-delimited) appear? */
    private static boolean hasEncryptedMessage(byte[] bytes) {
        ProtoReader r = ProtoReader.of(bytes, "ProtocolMessage");
        try {
            while (r.next()) {
                if (r.field() == ENCRYPTED_MESSAGE && r.isLengthDelimited()) {
                    return true;
                }
                r.skip();
            }
        } catch (MalformedEncodingException e) {
            return false;
        }
        return false;
    }

    private static HashRatchetCiphertext mapEntry(ProtoReader r) throws InvalidArchiveException {
        String key = "";
        ProtoReader value = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = r.string("key", 1024);
                case 2 -> value = r.message("value", "EncryptedMessageProtocol", Integer.MAX_VALUE);
                default -> r.skip();
            }
        }
        if (!NO_DEVICE.equals(key) || value == null) {
            return null;
        }
        byte[] payload = new byte[0];
        ProtoReader header = null;
        while (value.next()) {
            switch (value.field()) {
                case 3 -> payload = value.bytes("payload", Integer.MAX_VALUE);
                case 102 -> header = value.message("HR_header", "HRHeader", Integer.MAX_VALUE);
                default -> value.skip();
            }
        }
        if (header == null) {
            return null;
        }
        int deprecatedKeyId = 0;
        int seqNo = 0;
        byte[] groupId = new byte[0];
        byte[] keyId = new byte[0];
        while (header.next()) {
            switch (header.field()) {
                case 1 -> deprecatedKeyId = (int) header.varint("deprecated_key_id");
                case 2 -> seqNo = (int) header.varint("seq_no");
                case 3 -> groupId = header.bytes("group_id", 1024);
                case 4 -> keyId = header.bytes("key_id", 1024);
                default -> header.skip();
            }
        }
        return new HashRatchetCiphertext("", groupId, keyId, deprecatedKeyId, seqNo, payload);
    }
}
