package org.archivist.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;
import org.archivist.core.io.BufferedBlobOutput;
import org.archivist.proto.WakuMessageArchive;

import com.google.protobuf.CodedOutputStream;

/**
 * {@link ArchiveCodec#encode} as a stream: the metadata field, then one field per message, written through
 * a bounded buffer into {@code out}; the bytes are exactly those of {@code encode} for the same metadata and
 * messages (proto3 writes fields in number order and omits those at their default, and an archive's
 * {@code version} is 0, so omitted). The lengths let a caller announce the blob's size before writing it.
 *
 * <p>Message fields are encoded by hand, straight from the {@link ArchivedMessage}'s arrays into the buffer
 * ({@link BufferedBlobOutput#reserve}; the backend's own buffer when {@code out} is one), without building a
 * protobuf message per message: the layout is {@code WakuMessage}'s, fields 1-7 in order, each omitted when
 * empty or zero, as protobuf-java writes it (a string as {@link String#getBytes} in UTF-8, which is what
 * protobuf-java writes for every string, unpaired surrogates included).
 */
public final class ArchiveCodecStream {
    /** The buffer between the encoder and a stream that is not a {@link BufferedBlobOutput} already. */
    public static final int BUFFER = 64 * 1024;

    private static final byte MESSAGES_TAG = tag(WakuMessageArchive.MESSAGES_FIELD_NUMBER);
    private static final byte SIG_TAG = tag(1);
    private static final byte TIMESTAMP_TAG = (byte) (2 << 3); // varint
    private static final byte TOPIC_TAG = tag(3);
    private static final byte PAYLOAD_TAG = tag(4);
    private static final byte PADDING_TAG = tag(5);
    private static final byte HASH_TAG = tag(6);
    private static final byte THIRD_PARTY_ID_TAG = tag(7);
    /** A tag and the longest varint: what a field's header takes at most. */
    private static final int MAX_HEADER = 1 + 10;
    private static final int TOPIC_CACHE_SIZE = 4096;
    private static final Map<ContentTopic, byte[]> TOPICS = new ConcurrentHashMap<>();
    private static final byte[] NONE = new byte[0];

    private final BufferedBlobOutput sink;
    private long written;

    private ArchiveCodecStream(OutputStream out) {
        this.sink = BufferedBlobOutput.over(out, BUFFER);
    }

    /** Starts an archive on {@code out} with its metadata field; {@code out} is neither flushed nor closed. */
    public static ArchiveCodecStream start(OutputStream out, ArchiveMetadata metadata) throws IOException {
        ArchiveCodecStream s = new ArchiveCodecStream(out);
        byte[] field = new byte[(int) metadataLength(metadata)];
        CodedOutputStream coded = CodedOutputStream.newInstance(field);
        coded.writeMessage(WakuMessageArchive.METADATA_FIELD_NUMBER, ProtoMapping.toProto(metadata));
        coded.checkNoSpaceLeft();
        s.sink.write(field);
        s.written = field.length;
        return s;
    }

    /** One message made ready to write: its field's length is known before it is written. */
    public static final class Field {
        private final ArchivedMessage message;
        private final byte[] topic;
        private final byte[] thirdPartyId;
        private final int body;
        private final long length;

        private Field(ArchivedMessage m) {
            this.message = m;
            this.topic = topicBytes(m.topic());
            this.thirdPartyId = m.thirdPartyId().isEmpty() ? NONE : m.thirdPartyId().getBytes(StandardCharsets.UTF_8);
            long size = bytesSize(m.sig()) + (m.timestamp() == 0 ? 0 : 1 + varintSize(m.timestamp()))
                    + bytesSize(topic) + bytesSize(m.payload()) + bytesSize(m.padding()) + bytesSize(m.hash())
                    + bytesSize(thirdPartyId);
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("message " + m.hashHex() + " is too large to encode (" + size
                        + " bytes)");
            }
            this.body = (int) size;
            this.length = 1 + varintSize(size) + size;
        }

        /** The length of the field (tag, length, message). */
        public long length() {
            return length;
        }
    }

    /** Prepares one message field; its length is then known. */
    public static Field field(ArchivedMessage message) {
        return new Field(message);
    }

    /** Appends one prepared message field. */
    public void write(Field field) throws IOException {
        ArchivedMessage m = field.message;
        header(MESSAGES_TAG, field.body);
        bytes(SIG_TAG, m.sig());
        if (m.timestamp() != 0) {
            header(TIMESTAMP_TAG, m.timestamp());
        }
        bytes(TOPIC_TAG, field.topic);
        bytes(PAYLOAD_TAG, m.payload());
        bytes(PADDING_TAG, m.padding());
        bytes(HASH_TAG, m.hash());
        bytes(THIRD_PARTY_ID_TAG, field.thirdPartyId);
        written += field.length;
    }

    /** Appends one message field and returns its length in bytes. */
    public long write(ArchivedMessage message) throws IOException {
        Field f = field(message);
        write(f);
        return f.length;
    }

    /** Bytes written so far, the metadata field included. */
    public long written() {
        return written;
    }

    /** Pushes what is buffered into the stream. */
    public void flush() throws IOException {
        sink.flush();
    }

    /** The length of the metadata field (tag, length, message). */
    public static long metadataLength(ArchiveMetadata metadata) {
        return CodedOutputStream.computeMessageSize(WakuMessageArchive.METADATA_FIELD_NUMBER,
                ProtoMapping.toProto(metadata));
    }

    /** The length of one message field (tag, length, message). */
    public static long messageLength(ArchivedMessage message) {
        return field(message).length;
    }

    private void bytes(byte tag, byte[] value) throws IOException {
        if (value.length > 0) {
            header(tag, value.length);
            sink.write(value, 0, value.length);
        }
    }

    private void header(byte tag, long varint) throws IOException {
        ByteBuffer b = sink.reserve(MAX_HEADER);
        b.put(tag);
        long v = varint;
        while ((v & ~0x7FL) != 0) {
            b.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.put((byte) v);
    }

    private static long bytesSize(byte[] value) {
        return value.length == 0 ? 0 : 1 + varintSize(value.length) + value.length;
    }

    private static int varintSize(long v) {
        return CodedOutputStream.computeUInt64SizeNoTag(v);
    }

    private static byte tag(int field) {
        return (byte) (field << 3 | 2); // length-delimited
    }

    /** A topic's 4 bytes, cached (parsing its hex on every message costs more than encoding it). */
    private static byte[] topicBytes(ContentTopic topic) {
        byte[] bytes = TOPICS.get(topic);
        if (bytes == null) {
            bytes = topic.bytes();
            if (TOPICS.size() < TOPIC_CACHE_SIZE) {
                TOPICS.put(topic, bytes);
            }
        }
        return bytes;
    }
}
