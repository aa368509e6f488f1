package org.archivist.codex.emulator;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The emulator's own CIDs (written independently of the client's code, so that each checks the other): CIDv1
 * with a sha2-256 multihash, printed as base58btc with the {@code z} prefix; CIDv0 ({@code Qm…}), base32
 * ({@code b…}) and base16 ({@code f…}) are read too, as a node's libp2p parser reads them.
 */
record NodeCid(int version, int codec, byte[] digest) {
    static final int MANIFEST = 0xCD01;
    static final int BLOCK = 0xCD02;
    static final int ROOT = 0xCD03;
    private static final int SHA2_256 = 0x12;
    private static final Set<Integer> KNOWN_CODECS = Set.of(0x55, 0x70, 0x71, 0x72, MANIFEST, BLOCK, ROOT,
            0xCD04, 0xCD05, 0xCD06);

    /** Thrown for text that a node would answer with 400. */
    static final class Invalid extends IllegalArgumentException {
        Invalid(String message) {
            super(message);
        }
    }

    static NodeCid of(int codec, byte[] sha256) {
        return new NodeCid(1, codec, sha256.clone());
    }

    static NodeCid parse(String text) {
        try {
            if (text.length() == 46 && text.startsWith("Qm")) {
                return fromBytes(Base58btc.decode(text));
            }
            if (text.isEmpty()) {
                throw new Invalid("empty");
            }
            String body = text.substring(1);
            return switch (text.charAt(0)) {
                case 'z' -> fromBytes(Base58btc.decode(body));
                case 'f', 'F' -> fromBytes(HexFormat.of().parseHex(body.toLowerCase(Locale.ROOT)));
                case 'b', 'B' -> fromBytes(base32(body.toLowerCase(Locale.ROOT)));
                default -> throw new Invalid("multibase");
            };
        } catch (Invalid e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Invalid(e.getMessage());
        }
    }

    static NodeCid fromBytes(byte[] b) {
        if (b.length == 34 && b[0] == SHA2_256 && b[1] == 32) {
            return new NodeCid(0, 0x70, Arrays.copyOfRange(b, 2, 34));
        }
        int[] at = {0};
        if (uvarint(b, at) != 1) {
            throw new Invalid("version");
        }
        long codec = uvarint(b, at);
        if (!KNOWN_CODECS.contains((int) codec) || uvarint(b, at) != SHA2_256 || uvarint(b, at) != 32
                || b.length - at[0] != 32) {
            throw new Invalid("codec or multihash");
        }
        return new NodeCid(1, (int) codec, Arrays.copyOfRange(b, at[0], b.length));
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(38);
        if (version == 1) {
            putUvarint(out, 1);
            putUvarint(out, codec);
        }
        out.write(SHA2_256);
        out.write(32);
        out.writeBytes(digest);
        return out.toByteArray();
    }

    boolean isManifest() {
        return codec == MANIFEST;
    }

    @Override
    public String toString() {
        return (version == 1 ? "z" : "") + Base58btc.encode(bytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeCid c && c.version == version && c.codec == codec && Arrays.equals(c.digest, digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest) ^ codec;
    }

    static long uvarint(byte[] b, int[] at) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= b.length) {
                throw new Invalid("truncated varint");
            }
            int x = b[at[0]++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                return v;
            }
        }
        throw new Invalid("varint too long");
    }

    static void putUvarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] base32(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            int v = "abcdefghijklmnopqrstuvwxyz234567".indexOf(c);
            if (v < 0) {
                throw new Invalid("base32");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >> bits) & 0xff);
            }
        }
        return out.toByteArray();
    }
}
