package org.archivist.core.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.archivist.core.format.MalformedEncodingException;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * Reads one protobuf message from untrusted bytes with {@link CodedInputStream}, checking every length
 * prefix against what is left before allocating, and every known field's wire type. Errors are
 * {@link MalformedEncodingException}s that name the message, the field and the byte position.
 */
public final class ProtoReader {
    private final byte[] bytes;
    private final int start;
    private final int length;
    private final String message;
    private final CodedInputStream in;
    private int tag;

    private ProtoReader(byte[] bytes, int start, int length, String message) {
        this.bytes = bytes;
        this.start = start;
        this.length = length;
        this.message = message;
        this.in = CodedInputStream.newInstance(bytes, start, length);
    }

    /** A reader over the whole array; {@code message} names what it should contain, for errors. */
    public static ProtoReader of(byte[] bytes, String message) {
        return new ProtoReader(bytes, 0, bytes.length, message);
    }

    /** Moves to the next field; false at the end of the message. */
    public boolean next() throws MalformedEncodingException {
        try {
            tag = in.readTag();
        } catch (IOException e) {
            throw malformed("unreadable field tag (" + e.getMessage() + ")");
        }
        if (tag == 0) {
            return false;
        }
        int wireType = WireFormat.getTagWireType(tag);
        if (wireType > WireFormat.WIRETYPE_FIXED32) {
            throw malformed("invalid wire type " + wireType + " for field " + field());
        }
        return true;
    }

    /** The number of the current field. */
    public int field() {
        return WireFormat.getTagFieldNumber(tag);
    }

    /** Whether the current field is length-delimited (bytes, string, embedded message). */
    public boolean isLengthDelimited() {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    /** Reads the current field as a varint (uint64, uint32, enum). */
    public long varint(String name) throws MalformedEncodingException {
        expect(name, WireFormat.WIRETYPE_VARINT);
        try {
            return in.readRawVarint64();
        } catch (IOException e) {
            throw malformed("field '" + name + "': bad varint (" + e.getMessage() + ")");
        }
    }

    /** Reads the current field as a uint32, rejecting values that do not fit. */
    public int uint32(String name) throws MalformedEncodingException {
        long value = varint(name);
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw malformed("field '" + name + "': " + Long.toUnsignedString(value) + " does not fit a uint32");
        }
        return (int) value;
    }

    /** Reads the current field as bytes of at most {@code max} bytes. */
    public byte[] bytes(String name, long max) throws MalformedEncodingException {
        int len = lengthPrefix(name, max);
        int at = position();
        skipRaw(len);
        return Arrays.copyOfRange(bytes, at, at + len);
    }

    /** Reads the current field as a UTF-8 string of at most {@code max} bytes. */
    public String string(String name, long max) throws MalformedEncodingException {
        byte[] raw = bytes(name, max);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("field '" + name + "' is not valid UTF-8");
        }
    }

    /** Reads the current field as an embedded message of at most {@code max} bytes, without copying. */
    public ProtoReader message(String name, String type, long max) throws MalformedEncodingException {
        int len = lengthPrefix(name, max);
        int at = position();
        skipRaw(len);
        return new ProtoReader(bytes, at, len, message + "." + name + "(" + type + ")");
    }

    /** Skips a field this reader does not know (newer schema versions may add fields). */
    public void skip() throws MalformedEncodingException {
        try {
            if (!in.skipField(tag)) {
                throw malformed("unexpected end-group tag for field " + field());
            }
        } catch (IOException e) {
            throw malformed("cannot skip field " + field() + " (" + e.getMessage() + ")");
        }
    }

    /** Builds an error naming this message and the current position. */
    public MalformedEncodingException malformed(String problem) {
        return new MalformedEncodingException(message + " at byte " + position() + ": " + problem);
    }

    private int position() {
        return start + in.getTotalBytesRead();
    }

    private void expect(String name, int wireType) throws MalformedEncodingException {
        int actual = WireFormat.getTagWireType(tag);
        if (actual != wireType) {
            throw malformed("field '" + name + "' (" + field() + ") has wire type " + wireTypeName(actual)
                    + ", expected " + wireTypeName(wireType));
        }
    }

    private int lengthPrefix(String name, long max) throws MalformedEncodingException {
        expect(name, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        long len;
        try {
            len = in.readRawVarint64();
        } catch (IOException e) {
            throw malformed("field '" + name + "': bad length prefix (" + e.getMessage() + ")");
        }
        long left = length - in.getTotalBytesRead();
        if (len < 0 || len > left) {
            throw malformed("field '" + name + "': length prefix " + Long.toUnsignedString(len) + " exceeds the "
                    + left + " bytes left (truncated or corrupt)");
        }
        if (len > max) {
            throw malformed("field '" + name + "': " + len + " bytes exceed the limit of " + max);
        }
        return (int) len;
    }

    private void skipRaw(int len) throws MalformedEncodingException {
        try {
            in.skipRawBytes(len);
        } catch (IOException e) {
            throw malformed("truncated (" + e.getMessage() + ")");
        }
    }

    private static String wireTypeName(int wireType) {
        return switch (wireType) {
            case WireFormat.WIRETYPE_VARINT -> "0 (varint)";
            case WireFormat.WIRETYPE_FIXED64 -> "1 (fixed64)";
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> "2 (length-delimited)";
            case WireFormat.WIRETYPE_START_GROUP -> "3 (start group)";
            case WireFormat.WIRETYPE_END_GROUP -> "4 (end group)";
            case WireFormat.WIRETYPE_FIXED32 -> "5 (fixed32)";
            default -> wireType + " (invalid)";
        };
    }
}
