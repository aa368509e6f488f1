package org.archivist.storage.bittorrent.internal.metainfo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BitTorrent's bencoding (BEP 3). Values are {@code byte[]} or {@code String} (byte strings),
 * {@code Long} (integers), {@code List} and {@code Map<String, ?>} (dictionaries, written with their keys
 * sorted by raw bytes as the format demands). Decoding gives {@code byte[]}, {@code Long}, {@code List} and
 * {@code LinkedHashMap<String, Object>} in wire order, and rejects anything non-canonical that would make
 * a re-encoding differ (unsorted or duplicate keys, leading zeros, {@code -0}).
 */
public final class Bencode {
    private static final int MAX_DEPTH = 64;

    private Bencode() {
    }

    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    private static void write(Object value, ByteArrayOutputStream out) {
        if (value instanceof RawBencode raw) {
            out.writeBytes(raw.bytes());
        } else if (value instanceof byte[] bytes) {
            writeBytes(bytes, out);
        } else if (value instanceof String text) {
            writeBytes(text.getBytes(StandardCharsets.UTF_8), out);
        } else if (value instanceof Long || value instanceof Integer) {
            out.writeBytes(("i" + ((Number) value).longValue() + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(item -> write(item, out));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            List<byte[]> keys = new ArrayList<>();
            Map<String, Object> byKey = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = (String) entry.getKey();
                keys.add(key.getBytes(StandardCharsets.UTF_8));
                byKey.put(key, entry.getValue());
            }
            keys.sort(Arrays::compareUnsigned);
            out.write('d');
            for (byte[] key : keys) {
                writeBytes(key, out);
                write(byKey.get(new String(key, StandardCharsets.UTF_8)), out);
            }
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    private static void writeBytes(byte[] bytes, ByteArrayOutputStream out) {
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }

    /** Decodes exactly one value that spans all of {@code bytes}. */
    public static Object decode(byte[] bytes) throws BencodeException {
        Decoder decoder = new Decoder(bytes);
        Object value = decoder.value(0);
        if (decoder.pos != bytes.length) {
            throw new BencodeException("trailing bytes after the bencoded value at offset " + decoder.pos);
        }
        return value;
    }

    /**
     * The raw bytes of the value stored under {@code key} in the top-level dictionary, exactly as they appear
     * (the infohash is the SHA-1 of the {@code info} value as received, never of a re-encoding).
     */
    public static byte[] rawValue(byte[] dictionary, String key) throws BencodeException {
        Decoder decoder = new Decoder(dictionary);
        if (dictionary.length == 0 || dictionary[0] != 'd') {
            throw new BencodeException("not a bencoded dictionary");
        }
        decoder.pos = 1;
        while (decoder.peek() != 'e') {
            String k = new String(decoder.string(), StandardCharsets.UTF_8);
            int start = decoder.pos;
            decoder.value(1);
            if (k.equals(key)) {
                return Arrays.copyOfRange(dictionary, start, decoder.pos);
            }
        }
        throw new BencodeException("the dictionary has no key '" + key + "'");
    }

    private static final class Decoder {
        private final byte[] in;
        private int pos;

        Decoder(byte[] in) {
            this.in = in;
        }

        int peek() throws BencodeException {
            if (pos >= in.length) {
                throw new BencodeException("bencode ends early at offset " + pos);
            }
            return in[pos] & 0xff;
        }

        Object value(int depth) throws BencodeException {
            if (depth > MAX_DEPTH) {
                throw new BencodeException("bencode nested deeper than " + MAX_DEPTH + " levels");
            }
            int c = peek();
            if (c == 'i') {
                pos++;
                return integer('e');
            }
            if (c == 'l') {
                pos++;
                List<Object> list = new ArrayList<>();
                while (peek() != 'e') {
                    list.add(value(depth + 1));
                }
                pos++;
                return list;
            }
            if (c == 'd') {
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                byte[] previous = null;
                while (peek() != 'e') {
                    byte[] key = string();
                    if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                        throw new BencodeException("dictionary keys unsorted or duplicated at offset " + pos);
                    }
                    previous = key;
                    map.put(new String(key, StandardCharsets.UTF_8), value(depth + 1));
                }
                pos++;
                return map;
            }
            if (c >= '0' && c <= '9') {
                return string();
            }
            throw new BencodeException("unexpected byte 0x" + Integer.toHexString(c) + " at offset " + pos);
        }

        byte[] string() throws BencodeException {
            int start = pos;
            long length = integer(':');
            if (length < 0 || length > in.length - pos) {
                throw new BencodeException("string length " + length + " at offset " + start + " exceeds the input");
            }
            byte[] s = Arrays.copyOfRange(in, pos, pos + (int) length);
            pos += (int) length;
            return s;
        }

        long integer(char terminator) throws BencodeException {
            int start = pos;
            while (peek() != terminator) {
                pos++;
            }
            String digits = new String(in, start, pos - start, StandardCharsets.US_ASCII);
            pos++;
            if (!digits.matches("0|-?[1-9][0-9]{0,18}")) {
                throw new BencodeException("malformed integer '" + digits + "' at offset " + start);
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new BencodeException("integer out of range '" + digits + "' at offset " + start);
            }
        }
    }
}
