package org.archivist.core.statusgo;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model of how status-go reads archive data and index files (manager_archive_file.go,
 * {@code ExtractMessagesFromHistoryArchive} and {@code LoadHistoryArchiveIndexFromFile}), with protobuf-go's
 * {@code proto.Unmarshal} rules: fields in any order; an unknown field, or a known field of another wire type, is
 * skipped (kept as unknown) but must be well-formed; wire types 6 and 7, field number 0, truncated or overlong
 * varints, lengths past the end and unbalanced groups are errors; proto3 strings must be valid UTF-8; a
 * message field is parsed (recursively) with its own schema; a map counts distinct keys.
 *
 * <ul>
 * <li>Archive: plain {@code WakuMessageArchive} parse; only if it fails, {@code ProtocolMessage} parse and
 * decrypt.</li>
 * <li>Index: plain {@code WakuMessageArchiveIndex} parse (a failure is an error, no decryption); if it lists 0
 * archives and the file is not empty, {@code ProtocolMessage} parse and decrypt.</li>
 * </ul>
 * "Decrypt" here means the {@code ProtocolMessage} parses and holds {@code encrypted_message["none"]} with an
 * {@code HR_header}: the hash-ratchet path of status-go's encryptor.
 */
final class StatusGoReaderModel {

    /** What status-go does with the bytes. */
    enum Reading {
        /** Taken as a plain archive / index (of {@code count} messages / archives). */
        PLAIN,
        /** Taken as encrypted: parsed as a ProtocolMessage and handed to the hash-ratchet decryption. */
        DECRYPTS,
        /** An error: nothing read. */
        FAILS
    }

    record Result(Reading reading, int count) {
    }

    private enum Kind { VARINT, BYTES, STRING, MESSAGE, MAP }

    private record Field(Kind kind, Schema message) {
    }

    /** A message's known fields; a map field's value schema is the {@code message}. */
    static final class Schema {
        final Map<Integer, Field> fields = new HashMap<>();

        Schema with(int number, Kind kind) {
            fields.put(number, new Field(kind, null));
            return this;
        }

        Schema with(int number, Kind kind, Schema message) {
            fields.put(number, new Field(kind, message));
            return this;
        }
    }

    static final Schema OPAQUE = new Schema();
    static final Schema METADATA = new Schema().with(1, Kind.VARINT).with(2, Kind.VARINT).with(3, Kind.VARINT)
            .with(4, Kind.BYTES);
    static final Schema WAKU_MESSAGE = new Schema().with(1, Kind.BYTES).with(2, Kind.VARINT).with(3, Kind.BYTES)
            .with(4, Kind.BYTES).with(5, Kind.BYTES).with(6, Kind.BYTES).with(7, Kind.STRING);
    static final Schema ARCHIVE = new Schema().with(1, Kind.VARINT).with(2, Kind.MESSAGE, METADATA)
            .with(3, Kind.MESSAGE, WAKU_MESSAGE);
    static final Schema INDEX_METADATA = new Schema().with(1, Kind.VARINT).with(2, Kind.MESSAGE, METADATA)
            .with(3, Kind.VARINT).with(4, Kind.VARINT).with(5, Kind.VARINT);
    static final Schema INDEX = new Schema().with(1, Kind.MAP, INDEX_METADATA);
    static final Schema CODEX_INDEX_METADATA = new Schema().with(1, Kind.VARINT).with(2, Kind.MESSAGE, METADATA)
            .with(3, Kind.STRING);
    static final Schema CODEX_INDEX = new Schema().with(1, Kind.MAP, CODEX_INDEX_METADATA);
    static final Schema HR_HEADER = new Schema().with(1, Kind.VARINT).with(2, Kind.VARINT).with(3, Kind.BYTES)
            .with(4, Kind.BYTES).with(5, Kind.MESSAGE, OPAQUE);
    static final Schema ENCRYPTED_MESSAGE = new Schema().with(1, Kind.MESSAGE, OPAQUE).with(2, Kind.MESSAGE, OPAQUE)
            .with(101, Kind.MESSAGE, OPAQUE).with(102, Kind.MESSAGE, HR_HEADER).with(3, Kind.BYTES);
    static final Schema PROTOCOL_MESSAGE = new Schema().with(2, Kind.STRING).with(3, Kind.MESSAGE, OPAQUE)
            .with(101, Kind.MAP, ENCRYPTED_MESSAGE).with(102, Kind.BYTES);

    private StatusGoReaderModel() {
    }

    /** {@code ExtractMessagesFromHistoryArchive} on one blob (size - padding bytes). */
    static Result readArchive(byte[] blob) {
        Parsed plain = parse(blob, ARCHIVE);
        if (plain != null) {
            return new Result(Reading.PLAIN, plain.count(3));
        }
        return decrypts(blob) ? new Result(Reading.DECRYPTS, 0) : new Result(Reading.FAILS, 0);
    }

    /** {@code LoadHistoryArchiveIndexFromFile}; {@code codex}: the Logos Storage index of the same shape. */
    static Result readIndex(byte[] index, boolean codex) {
        Parsed plain = parse(index, codex ? CODEX_INDEX : INDEX);
        if (plain == null) {
            return new Result(Reading.FAILS, 0);
        }
        int archives = plain.mapKeys.getOrDefault(1, Set.of()).size();
        if (archives > 0 || index.length == 0) {
            return new Result(Reading.PLAIN, archives);
        }
        return decrypts(index) ? new Result(Reading.DECRYPTS, 0) : new Result(Reading.FAILS, 0);
    }

    private static boolean decrypts(byte[] bytes) {
        Parsed m = parse(bytes, PROTOCOL_MESSAGE);
        return m != null && m.hashRatchetUnderNone;
    }

    /** What a successful parse saw: the values of each known field (varints as empty arrays), the map keys. */
    static final class Parsed {
        final Map<Integer, List<byte[]>> values = new HashMap<>();
        final Map<Integer, Set<String>> mapKeys = new HashMap<>();
        boolean hashRatchetUnderNone;

        int count(int field) {
            return values.getOrDefault(field, List.of()).size();
        }

        byte[] last(int field) {
            List<byte[]> v = values.getOrDefault(field, List.of());
            return v.isEmpty() ? new byte[0] : v.get(v.size() - 1);
        }
    }

    /** The parse of {@code b} with {@code schema}, or null when protobuf-go's {@code Unmarshal} fails. */
    static Parsed parse(byte[] b, Schema schema) {
        Parsed out = new Parsed();
        Wire w = new Wire(b);
        while (!w.atEnd()) {
            long tag = w.varint();
            if (w.failed()) {
                return null;
            }
            long number = tag >>> 3;
            int type = (int) (tag & 7);
            if (number < 1 || number > Integer.MAX_VALUE) {
                return null;
            }
            Field f = schema.fields.get((int) number);
            byte[] value = new byte[0];
            if (f != null && type == (f.kind == Kind.VARINT ? 0 : 2)) {
                if (f.kind == Kind.VARINT) {
                    w.varint();
                } else {
                    value = w.lengthDelimited();
                    if (w.failed() || !known(f, (int) number, value, out)) {
                        return null;
                    }
                }
                out.values.computeIfAbsent((int) number, n -> new ArrayList<>()).add(value);
            } else if (!w.skipField(number, type)) {
                return null;
            }
            if (w.failed()) {
                return null;
            }
        }
        return out;
    }

    private static boolean known(Field f, int number, byte[] value, Parsed out) {
        switch (f.kind) {
            case BYTES:
                return true;
            case STRING:
                return utf8(value);
            case MESSAGE:
                return parse(value, f.message) != null;
            case MAP: {
                Parsed entry = parse(value, new Schema().with(1, Kind.STRING).with(2, Kind.MESSAGE, f.message));
                if (entry == null) {
                    return false;
                }
                String key = new String(entry.last(1), StandardCharsets.UTF_8);
                out.mapKeys.computeIfAbsent(number, n -> new HashSet<>()).add(key);
                if (f.message == ENCRYPTED_MESSAGE && key.equals("none") && entry.count(2) > 0) {
                    Parsed encrypted = parse(entry.last(2), ENCRYPTED_MESSAGE);
                    out.hashRatchetUnderNone |= encrypted != null && encrypted.count(102) > 0;
                }
                return true;
            }
            default:
                return false;
        }
    }

    private static boolean utf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** protowire's reading rules. */
    private static final class Wire {
        private final byte[] b;
        private int pos;

        Wire(byte[] b) {
            this.b = b;
        }

        boolean atEnd() {
            return pos >= b.length;
        }

        boolean failed() {
            return pos < 0;
        }

        long varint() {
            long value = 0;
            for (int i = 0; i < 10 && pos >= 0; i++) {
                if (pos >= b.length) {
                    break;
                }
                int v = b[pos++] & 0xff;
                if (i == 9 && v > 1) {
                    break;
                }
                value |= (long) (v & 0x7f) << (7 * i);
                if (v < 0x80) {
                    return value;
                }
            }
            pos = -1;
            return 0;
        }

        byte[] lengthDelimited() {
            long length = varint();
            if (failed() || length < 0 || length > b.length - pos) {
                pos = -1;
                return new byte[0];
            }
            byte[] v = Arrays.copyOfRange(b, pos, pos + (int) length);
            pos += (int) length;
            return v;
        }

        /** Skips one field's value (a whole group for a start group); false on an error. */
        boolean skipField(long number, int type) {
            Deque<Long> groups = new ArrayDeque<>();
            while (true) {
                switch (type) {
                    case 0 -> varint();
                    case 1 -> fixed(8);
                    case 2 -> lengthDelimited();
                    case 3 -> groups.push(number);
                    case 4 -> {
                        if (groups.isEmpty() || groups.pop() != number) {
                            return false;
                        }
                    }
                    case 5 -> fixed(4);
                    default -> {
                        return false;
                    }
                }
                if (failed()) {
                    return false;
                }
                if (groups.isEmpty()) {
                    return true;
                }
                if (atEnd()) {
                    return false;
                }
                long tag = varint();
                if (failed()) {
                    return false;
                }
                number = tag >>> 3;
                type = (int) (tag & 7);
                if (number < 1 || number > Integer.MAX_VALUE) {
                    return false;
                }
            }
        }

        private void fixed(int n) {
            pos = n > b.length - pos ? -1 : pos + n;
        }
    }
}
