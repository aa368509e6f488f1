package org.archivist.core.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.api.host.MissingKeyException;
import org.archivist.core.internal.ChannelRangeInputStream;
import org.archivist.core.internal.FileProtoReader;

/**
 * {@link ArchiveEnvelope#unseal} for a blob in a file, in bounded memory: the envelope's structure is read by
 * position (the payload is not read to find it, {@link FileProtoReader}), and the payload is decrypted as a stream
 * by the host's cipher ({@link ArchiveCipher#decryptStreaming}), which authenticates all of it before the first
 * plaintext byte; a cipher that decrypts whole arrays only gets the payload in memory. A plain blob is streamed
 * as it is. Blobs are told apart as {@link ArchiveEnvelope#open} does: sealed when the top level has a
 * length-delimited field 101.
 *
 * @since 2.3
 */
public final class SealedBlobReader {
    private static final int ENCRYPTED_MESSAGE = 101;

    private SealedBlobReader() {
    }

    /**
     * The plaintext of the blob of {@code length} bytes at {@code offset} of {@code file}. The caller closes the
     * stream and then the file, and does not change the range meanwhile.
     *
     * @throws MissingKeyException        when the blob is sealed and there is no cipher, or it lacks the key
     * @throws CipherException            when the payload does not authenticate (wrong key, tampered, truncated)
     * @throws MalformedEncodingException when the blob is over the limit, the file shorter than the blob, or the
     *                                    bytes claim to be an envelope but are not a valid one
     */
    public static InputStream plaintext(CommunityId community, FileChannel file, long offset, long length,
            Optional<ArchiveCipher> cipher, DecodeLimits limits)
            throws InvalidArchiveException, CipherException, IOException {
        if (length > limits.maxArchiveBytes()) {
            throw new MalformedEncodingException("archive of " + length + " bytes exceeds the limit of "
                    + limits.maxArchiveBytes());
        }
        if (file.size() - offset < length) {
            throw new MalformedEncodingException("the file holds " + Math.max(0, file.size() - offset)
                    + " bytes of an archive of " + length + " (truncated)");
        }
        if (!hasEncryptedMessage(file, offset, length)) {
            return new ChannelRangeInputStream(file, offset, length);
        }
        Sealed sealed = open(file, offset, length);
        if (cipher.isEmpty()) {
            throw new MissingKeyException("the archive data of " + community
                    + " is encrypted (hash-ratchet envelope) and no cipher is available to decrypt it");
        }
        Optional<InputStream> streamed = cipher.get().decryptStreaming(community, sealed.header(), file,
                sealed.payloadOffset(), sealed.payloadLength());
        if (streamed.isPresent()) {
            return streamed.get();
        }
        ByteBuffer payload = ByteBuffer.allocate((int) sealed.payloadLength());
        while (payload.hasRemaining()) {
            if (file.read(payload, sealed.payloadOffset() + payload.position()) < 0) {
                throw new MalformedEncodingException("the file ends inside the encrypted payload (truncated)");
            }
        }
        HashRatchetCiphertext h = sealed.header();
        return new ByteArrayInputStream(cipher.get().decrypt(community, new HashRatchetCiphertext(h.installationId(),
                h.groupId(), h.keyId(), h.deprecatedKeyId(), h.seqNo(), payload.array())));
    }

    /** The header fields of a sealed blob (payload empty) and where its payload lies in the file. */
    record Sealed(HashRatchetCiphertext header, long payloadOffset, long payloadLength) {
    }

    /**
     * Whether the blob at {@code offset} is in the encryption envelope, as {@link ArchiveEnvelope#isSealed} tells for
     * bytes in memory (a malformed envelope counts as sealed: unsealing it then says what is wrong).
     */
    public static boolean isSealed(FileChannel file, long offset, long length) throws IOException {
        return hasEncryptedMessage(file, offset, length);
    }

    /** A tolerant scan of the top level, as {@link ArchiveEnvelope}'s: does a length-delimited field 101 appear? */
    private static boolean hasEncryptedMessage(FileChannel file, long offset, long length) throws IOException {
        FileProtoReader r = FileProtoReader.of(file, offset, length, "ProtocolMessage");
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

    static Sealed open(FileChannel file, long offset, long length) throws InvalidArchiveException, IOException {
        FileProtoReader r = FileProtoReader.of(file, offset, length, "ProtocolMessage");
        String installationId = "";
        Sealed found = null;
        while (r.next()) {
            switch (r.field()) {
                case 2 -> installationId = utf8(r, r.bytes("installation_id", 1024), "installation_id");
                case ENCRYPTED_MESSAGE -> {
                    Sealed s = mapEntry(r.message("encrypted_message", "map entry"));
                    if (s != null) {
                        found = s;
                    }
                }
                default -> r.skip();
            }
        }
        if (found == null) {
            throw new MalformedEncodingException("ProtocolMessage carries no hash-ratchet message under \""
                    + ArchiveEnvelope.NO_DEVICE + "\": not an archive envelope (encrypted for devices, not for the "
                    + "community)");
        }
        HashRatchetCiphertext h = found.header();
        return new Sealed(new HashRatchetCiphertext(installationId, h.groupId(), h.keyId(), h.deprecatedKeyId(),
                h.seqNo(), new byte[0]), found.payloadOffset(), found.payloadLength());
    }

    private static String utf8(FileProtoReader r, byte[] raw, String name) throws MalformedEncodingException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw r.malformed("field '" + name + "' is not valid UTF-8");
        }
    }

    private static Sealed mapEntry(FileProtoReader r) throws InvalidArchiveException, IOException {
        String key = "";
        FileProtoReader value = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = utf8(r, r.bytes("key", 1024), "key");
                case 2 -> value = r.message("value", "EncryptedMessageProtocol");
                default -> r.skip();
            }
        }
        if (!ArchiveEnvelope.NO_DEVICE.equals(key) || value == null) {
            return null;
        }
        long[] payload = {0, 0};
        FileProtoReader header = null;
        while (value.next()) {
            switch (value.field()) {
                case 3 -> payload = value.range("payload");
                case 102 -> header = value.message("HR_header", "HRHeader");
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
                case 1 -> deprecatedKeyId = (int) header.varintField("deprecated_key_id");
                case 2 -> seqNo = (int) header.varintField("seq_no");
                case 3 -> groupId = header.bytes("group_id", 1024);
                case 4 -> keyId = header.bytes("key_id", 1024);
                default -> header.skip();
            }
        }
        return new Sealed(new HashRatchetCiphertext("", groupId, keyId, deprecatedKeyId, seqNo, new byte[0]),
                payload[0], payload[1]);
    }
}
