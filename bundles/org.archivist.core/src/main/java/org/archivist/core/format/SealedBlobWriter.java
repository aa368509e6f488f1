package org.archivist.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.archivist.api.host.CipherException;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.api.host.StreamingEncryption;
import org.archivist.api.storage.BlobWriter;
import org.archivist.core.io.ExactLengthOutputStream;
import org.archivist.proto.HRHeader;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

/**
 * Writes a plaintext blob of known length sealed in the encryption envelope ({@link ArchiveEnvelope}) as a
 * stream: the {@code ProtocolMessage} fields before the payload (whose lengths follow from the plaintext's),
 * then the payload as the host's {@link StreamingEncryption} produces it, then the hash-ratchet header. The
 * bytes are those {@link ArchiveEnvelope#seal} writes for the same ciphertext (protobuf's field order: payload
 * 3 before {@code HR_header} 102), so a reader cannot tell the two apart; memory stays bounded whatever the
 * blob's size.
 */
public final class SealedBlobWriter implements BlobWriter {
    private static final int INSTALLATION_ID = 2;
    private static final int ENCRYPTED_MESSAGE = 101;
    private static final int MAP_KEY = 1;
    private static final int MAP_VALUE = 2;
    private static final int PAYLOAD = 3;
    private static final int HR_HEADER = 102;
    private static final byte[] KEY = ArchiveEnvelope.NO_DEVICE.getBytes(StandardCharsets.UTF_8);

    private final StreamingEncryption encryption;
    private final long plaintextLength;
    private final BlobWriter plaintext;
    private final String installationId;
    private final byte[] header;
    private final long payloadLength;
    private final long valueLength;
    private final long entryLength;
    private final long length;

    /**
     * @param plaintextLength exactly the number of bytes {@code plaintext} writes
     */
    public SealedBlobWriter(StreamingEncryption encryption, long plaintextLength, BlobWriter plaintext) {
        if (plaintextLength < 0) {
            throw new IllegalArgumentException("negative plaintext length " + plaintextLength);
        }
        this.encryption = encryption;
        this.plaintextLength = plaintextLength;
        this.plaintext = plaintext;
        HashRatchetCiphertext h = encryption.header();
        this.installationId = h.installationId();
        this.header = ArchiveEnvelope.header(h).toByteArray();
        this.payloadLength = encryption.payloadLength(plaintextLength);
        this.valueLength = (payloadLength == 0 ? 0 : field(PAYLOAD, payloadLength)) + field(HR_HEADER, header.length);
        this.entryLength = field(MAP_KEY, KEY.length) + field(MAP_VALUE, valueLength);
        long installation = installationId.isEmpty() ? 0
                : CodedOutputStream.computeStringSize(INSTALLATION_ID, installationId);
        this.length = installation + field(ENCRYPTED_MESSAGE, entryLength);
    }

    /** The sealed blob's length in bytes. */
    public long length() {
        return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        CodedOutputStream coded = CodedOutputStream.newInstance(out, 64);
        if (!installationId.isEmpty()) {
            coded.writeString(INSTALLATION_ID, installationId);
        }
        lengthDelimited(coded, ENCRYPTED_MESSAGE, entryLength);
        coded.writeByteArray(MAP_KEY, KEY);
        lengthDelimited(coded, MAP_VALUE, valueLength);
        if (payloadLength > 0) { // proto3 leaves an empty bytes field out
            lengthDelimited(coded, PAYLOAD, payloadLength);
        }
        coded.flush();
        ExactLengthOutputStream payload = new ExactLengthOutputStream(out, payloadLength);
        ExactLengthOutputStream plain;
        try (OutputStream encrypting = encryption.encryptInto(payload)) {
            plain = new ExactLengthOutputStream(encrypting, plaintextLength);
            plaintext.writeTo(plain);
        } catch (CipherException e) {
            throw new IOException("could not encrypt an archive: " + e.getMessage(), e);
        }
        complete(plain, "the plaintext's writer");
        complete(payload, "the host's cipher");
        coded.writeByteArray(HR_HEADER, header);
        coded.flush();
    }

    private static void complete(ExactLengthOutputStream stream, String writer) throws IOException {
        try {
            stream.checkComplete();
        } catch (IllegalStateException e) {
            throw new IOException(writer + " broke its announced length: " + e.getMessage(), e);
        }
    }

    private static void lengthDelimited(CodedOutputStream coded, int field, long length) throws IOException {
        coded.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        coded.writeUInt64NoTag(length);
    }

    private static long field(int number, long length) {
        return CodedOutputStream.computeTagSize(number) + CodedOutputStream.computeUInt64SizeNoTag(length) + length;
    }
}
