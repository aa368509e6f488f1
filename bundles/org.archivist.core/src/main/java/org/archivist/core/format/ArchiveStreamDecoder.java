package org.archivist.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.InvalidArchiveException;
import org.archivist.core.internal.Decoders;
import org.archivist.core.internal.ProtoReader;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;

/**
 * {@link ArchiveCodec#decode} as a stream, message by message: a plain archive blob ({@code WakuMessageArchive})
 * is read from a stream through a bounded buffer, its metadata first, then one message per {@link #next()},
 * each validated as the whole-array decoder validates it (the same messages, in the same order). The metadata
 * must come before the first message, as status-go and Archivist write it (proto3 writes fields in number
 * order), so that the archive is known for what it is before any message is handed out; a later metadata field
 * must repeat it. Malformed or truncated bytes throw an {@link InvalidArchiveException} naming the byte position;
 * a failing read of the stream an {@link IOException}.
 *
 * @since 2.3
 */
public final class ArchiveStreamDecoder {
    private static final int VERSION = 1;
    private static final int METADATA = 2;
    private static final int MESSAGES = 3;
    private static final int BUFFER = 64 * 1024;
    private static final String MESSAGE = "WakuMessageArchive.messages(WakuMessage)";
    private static final String METADATA_MESSAGE = "WakuMessageArchive.metadata(WakuMessageArchiveMetadata)";

    private final CodedInputStream in;
    private final DecodeLimits limits;
    private ArchiveMetadata metadata;
    private int messages;
    private boolean ended;

    private ArchiveStreamDecoder(InputStream plain, DecodeLimits limits) {
        this.in = CodedInputStream.newInstance(plain, BUFFER);
        this.in.setSizeLimit(Integer.MAX_VALUE);
        this.limits = limits;
    }

    /** Reads up to the archive's metadata, which {@link #metadata()} then returns. */
    public static ArchiveStreamDecoder start(InputStream plain, DecodeLimits limits)
            throws InvalidArchiveException, IOException {
        ArchiveStreamDecoder d = new ArchiveStreamDecoder(plain, limits);
        d.readToMetadata();
        return d;
    }

    /** The archive's metadata. */
    public ArchiveMetadata metadata() {
        return metadata;
    }

    /** Messages returned so far. */
    public int messages() {
        return messages;
    }

    /** The next message, or empty at the end of the archive. */
    public Optional<ArchivedMessage> next() throws InvalidArchiveException, IOException {
        try {
            while (!ended) {
                int tag = tag();
                if (tag == 0) {
                    ended = true;
                    break;
                }
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case VERSION -> version(tag);
                    case METADATA -> {
                        ArchiveMetadata again = readMetadata(tag);
                        if (!again.equals(metadata)) {
                            throw malformedMetadata("a second metadata field (" + again.range() + ") differs from "
                                    + "the first (" + metadata.range() + ")");
                        }
                    }
                    case MESSAGES -> {
                        ArchivedMessage m = Decoders.message(embedded(tag, "messages", MESSAGE),
                                limits.maxMessageWeight());
                        messages++;
                        return Optional.of(m);
                    }
                    default -> skip(tag);
                }
            }
            return Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            throw truncatedOrCorrupt(e);
        }
    }

    private void readToMetadata() throws InvalidArchiveException, IOException {
        try {
            readToMetadataUnchecked();
        } catch (InvalidProtocolBufferException e) {
            throw truncatedOrCorrupt(e);
        }
    }

    private void readToMetadataUnchecked() throws InvalidArchiveException, IOException {
        while (metadata == null) {
            int tag = tag();
            if (tag == 0) {
                throw new InvalidMetadataException("archive has no metadata");
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case VERSION -> version(tag);
                case METADATA -> metadata = readMetadata(tag);
                case MESSAGES -> throw malformedMetadata("a message comes before the metadata (status-go writes the "
                        + "metadata first; a streamed read needs it to check the archive before its messages)");
                default -> skip(tag);
            }
        }
    }

    private ArchiveMetadata readMetadata(int tag) throws InvalidArchiveException, IOException {
        return Decoders.metadata(embedded(tag, "metadata", METADATA_MESSAGE));
    }

    private void version(int tag) throws InvalidArchiveException, IOException {
        expect(tag, "version", WireFormat.WIRETYPE_VARINT);
        long version = in.readRawVarint64();
        if (version != 0) {
            throw new InvalidMetadataException("unsupported archive version " + Long.toUnsignedString(version)
                    + " (only 0, as status-go writes, is known)");
        }
    }

    /**
     * The bytes of a length-delimited field, read only once its length fits the limit (a stream that ends before
     * them fails as truncated). {@code reader} names the field for errors found inside it.
     */
    private ProtoReader embedded(int tag, String name, String reader) throws InvalidArchiveException, IOException {
        expect(tag, name, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        long length = in.readRawVarint64();
        if (length < 0 || length > limits.maxArchiveBytes() - in.getTotalBytesRead()) {
            throw malformed("field '" + name + "': length prefix " + Long.toUnsignedString(length) + " exceeds the "
                    + "archive limit of " + limits.maxArchiveBytes() + " bytes");
        }
        return ProtoReader.of(in.readRawBytes((int) length), reader);
    }

    private void skip(int tag) throws InvalidArchiveException, IOException {
        if (!in.skipField(tag)) {
            throw malformed("unexpected end-group tag for field " + WireFormat.getTagFieldNumber(tag));
        }
    }

    private int tag() throws InvalidArchiveException, IOException {
        int tag = in.readTag();
        if (tag != 0 && WireFormat.getTagWireType(tag) > WireFormat.WIRETYPE_FIXED32) {
            throw malformed("invalid wire type " + WireFormat.getTagWireType(tag) + " for field "
                    + WireFormat.getTagFieldNumber(tag));
        }
        return tag;
    }

    private void expect(int tag, String name, int wireType) throws MalformedEncodingException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw malformed("field '" + name + "' (" + WireFormat.getTagFieldNumber(tag) + ") has wire type "
                    + WireFormat.getTagWireType(tag) + ", expected " + wireType);
        }
    }

    /** Protobuf's complaint (truncation, a bad varint or tag) as a typed rejection. */
    private MalformedEncodingException truncatedOrCorrupt(InvalidProtocolBufferException e) {
        return malformed(e.getMessage() + " (truncated or corrupt)");
    }

    private MalformedEncodingException malformed(String problem) {
        return new MalformedEncodingException("WakuMessageArchive at byte " + in.getTotalBytesRead() + ": " + problem);
    }

    private InvalidMetadataException malformedMetadata(String problem) {
        return new InvalidMetadataException("archive metadata: " + problem);
    }
}
