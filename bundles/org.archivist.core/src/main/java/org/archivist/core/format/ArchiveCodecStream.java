package org.archivist.core.format;

import java.io.IOException;
import java.io.OutputStream;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.proto.WakuMessage;
import org.archivist.proto.WakuMessageArchive;

import com.google.protobuf.CodedOutputStream;

/**
 * {@link ArchiveCodec#encode} as a stream: the metadata field, then one field per message, written through
 * a bounded buffer into {@code out}; the bytes are exactly those of {@code encode} for the same metadata and
 * messages (proto3 writes fields in number order, and an archive's {@code version} is 0, so omitted). The
 * lengths let a caller announce the blob's size before writing it.
 */
public final class ArchiveCodecStream {
    /** The buffer between the encoder and the stream; larger values are written through directly. */
    public static final int BUFFER = 64 * 1024;

    private final CodedOutputStream coded;
    private long written;

    private ArchiveCodecStream(OutputStream out, int buffer) {
        this.coded = CodedOutputStream.newInstance(out, buffer);
    }

    /** Starts an archive on {@code out} with its metadata field; {@code out} is neither flushed nor closed. */
    public static ArchiveCodecStream start(OutputStream out, ArchiveMetadata metadata) throws IOException {
        ArchiveCodecStream s = new ArchiveCodecStream(out, BUFFER);
        s.coded.writeMessage(WakuMessageArchive.METADATA_FIELD_NUMBER, ProtoMapping.toProto(metadata));
        s.written = metadataLength(metadata);
        return s;
    }

    /** One message made ready to write: its field's length is known before it is written. */
    public static final class Field {
        private final WakuMessage proto;
        private final long length;

        private Field(WakuMessage proto) {
            this.proto = proto;
            this.length = CodedOutputStream.computeMessageSize(WakuMessageArchive.MESSAGES_FIELD_NUMBER, proto);
        }

        /** The length of the field (tag, length, message). */
        public long length() {
            return length;
        }
    }

    /** Prepares one message field (maps it once; its length is then known). */
    public static Field field(ArchivedMessage message) {
        return new Field(ProtoMapping.toProto(message));
    }

    /** Appends one prepared message field. */
    public void write(Field field) throws IOException {
        coded.writeMessage(WakuMessageArchive.MESSAGES_FIELD_NUMBER, field.proto);
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
        coded.flush();
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
}
