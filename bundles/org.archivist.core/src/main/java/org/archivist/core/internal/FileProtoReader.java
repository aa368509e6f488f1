package org.archivist.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import org.archivist.core.format.MalformedEncodingException;

import com.google.protobuf.WireFormat;

/**
 * Walks the fields of one protobuf message lying in a file range by position, without reading what it skips:
 * the structure of a blob of any size (an encryption envelope around a large payload) is found in bounded
 * memory. Length prefixes are checked against the range before anything is allocated; errors name the message,
 * the field and the file position, as {@link ProtoReader}'s do. Groups (wire types 3 and 4) are refused: no
 * Status message uses them.
 */
public final class FileProtoReader {
    private static final int WINDOW = 8 * 1024;

    private final FileChannel file;
    private final long end;
    private final String message;
    private final ByteBuffer window;
    private long windowStart = -1;
    private long position;
    private int tag;

    private FileProtoReader(FileChannel file, long start, long end, String message, ByteBuffer window) {
        this.file = file;
        this.position = start;
        this.end = end;
        this.message = message;
        this.window = window;
    }

    /** A reader over {@code [offset, offset + length)}; {@code message} names what it should contain. */
    public static FileProtoReader of(FileChannel file, long offset, long length, String message) {
        return new FileProtoReader(file, offset, offset + length, message, ByteBuffer.allocate(WINDOW));
    }

    /** Moves to the next field; false at the end of the range. */
    public boolean next() throws MalformedEncodingException, IOException {
        if (position >= end) {
            return false;
        }
        long t = varint("field tag");
        int wireType = (int) (t & 7);
        if (t <= 7 || t > 0xFFFF_FFFFL || wireType > WireFormat.WIRETYPE_FIXED32) {
            throw malformed("invalid field tag " + Long.toUnsignedString(t));
        }
        tag = (int) t;
        return true;
    }

    /** The number of the current field. */
    public int field() {
        return WireFormat.getTagFieldNumber(tag);
    }

    /** Whether the current field is length-delimited. */
    public boolean isLengthDelimited() {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    /** Reads the current field as a varint. */
    public long varintField(String name) throws MalformedEncodingException, IOException {
        expect(name, WireFormat.WIRETYPE_VARINT);
        return varint(name);
    }

    /** Reads the current field as bytes of at most {@code max} bytes. */
    public byte[] bytes(String name, int max) throws MalformedEncodingException, IOException {
        long len = lengthPrefix(name, max);
        byte[] out = new byte[(int) len];
        for (int i = 0; i < out.length; i++) {
            out[i] = byte0(position + i);
        }
        position += len;
        return out;
    }

    /** The current field as an embedded message, which this reader then skips. */
    public FileProtoReader message(String name, String type) throws MalformedEncodingException, IOException {
        long len = lengthPrefix(name, Long.MAX_VALUE);
        FileProtoReader inner = new FileProtoReader(file, position, position + len,
                message + "." + name + "(" + type + ")", ByteBuffer.allocate(WINDOW));
        position += len;
        return inner;
    }

    /** The file range of the current length-delimited field, which this reader then skips: {offset, length}. */
    public long[] range(String name) throws MalformedEncodingException, IOException {
        long len = lengthPrefix(name, Long.MAX_VALUE);
        long[] range = {position, len};
        position += len;
        return range;
    }

    /** Skips the current field. */
    public void skip() throws MalformedEncodingException, IOException {
        switch (WireFormat.getTagWireType(tag)) {
            case WireFormat.WIRETYPE_VARINT -> varint("field " + field());
            case WireFormat.WIRETYPE_FIXED64 -> advance(8);
            case WireFormat.WIRETYPE_FIXED32 -> advance(4);
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                long len = lengthPrefix("field " + field(), Long.MAX_VALUE); // moves the position past the prefix
                position += len;
            }
            default -> throw malformed("field " + field() + " is a group, which no Status message uses");
        }
    }

    /** Builds an error naming this message and the current position. */
    public MalformedEncodingException malformed(String problem) {
        return new MalformedEncodingException(message + " at byte " + position + ": " + problem);
    }

    private void advance(int n) throws MalformedEncodingException {
        if (end - position < n) {
            throw malformed("truncated field " + field());
        }
        position += n;
    }

    private void expect(String name, int wireType) throws MalformedEncodingException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw malformed("field '" + name + "' (" + field() + ") has wire type " + WireFormat.getTagWireType(tag)
                    + ", expected " + wireType);
        }
    }

    private long lengthPrefix(String name, long max) throws MalformedEncodingException, IOException {
        expect(name, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        long len = varint(name + " length");
        long left = end - position;
        if (len < 0 || len > left) {
            throw malformed("field '" + name + "': length prefix " + Long.toUnsignedString(len) + " exceeds the "
                    + left + " bytes left (truncated or corrupt)");
        }
        if (len > max) {
            throw malformed("field '" + name + "': " + len + " bytes exceed the limit of " + max);
        }
        return len;
    }

    private long varint(String name) throws MalformedEncodingException, IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw malformed("'" + name + "': truncated varint");
            }
            byte b = byte0(position++);
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw malformed("'" + name + "': malformed varint");
    }

    private byte byte0(long at) throws IOException, MalformedEncodingException {
        if (windowStart < 0 || at < windowStart || at >= windowStart + window.limit()) {
            window.clear();
            windowStart = at;
            while (window.hasRemaining()) {
                if (file.read(window, at + window.position()) < 0) {
                    break;
                }
            }
            window.flip();
            if (window.limit() == 0) {
                windowStart = -1;
                throw malformed("the file ends at byte " + at + " (truncated)");
            }
        }
        return window.get((int) (at - windowStart));
    }
}
