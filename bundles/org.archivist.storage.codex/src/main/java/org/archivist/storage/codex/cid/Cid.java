package org.archivist.storage.codex.cid;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A content identifier: version, content codec and a SHA-256 multihash. Codex prints CIDv1 as multibase
 * base58btc ({@code z…}, 52 characters); {@link #parse} also reads CIDv0 ({@code Qm…}), base32 ({@code b…})
 * and base16 ({@code f…}), as a node does.
 */
public final class Cid {
    public static final int DIGEST_LENGTH = 32;

    private final int version;
    private final int codec;
    private final int hashCode;
    private final byte[] digest;

    private Cid(int version, int codec, int hashCode, byte[] digest) {
        this.version = version;
        this.codec = codec;
        this.hashCode = hashCode;
        this.digest = digest;
    }

    /** A CIDv1 with a SHA-256 digest. */
    public static Cid of(int codec, byte[] sha256) {
        if (sha256.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
        }
        return new Cid(1, codec, Multicodec.SHA2_256, sha256.clone());
    }

    /** Parses CID text; throws {@link InvalidCidException} with the reason when it is not a CID. */
    public static Cid parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidCidException("empty CID");
        }
        if (text.length() == 46 && text.startsWith("Qm")) {
            return fromV0(decodeBase(() -> Base58.decode(text), text));
        }
        char base = text.charAt(0);
        String body = text.substring(1);
        byte[] bytes = switch (base) {
            case 'z' -> decodeBase(() -> Base58.decode(body), text);
            case 'b' -> decodeBase(() -> Base32.decode(body.toLowerCase(Locale.ROOT)), text);
            case 'B' -> decodeBase(() -> Base32.decode(body.toLowerCase(Locale.ROOT)), text);
            case 'f', 'F' -> decodeBase(() -> HexFormat.of().parseHex(body.toLowerCase(Locale.ROOT)), text);
            default -> throw new InvalidCidException("unsupported multibase prefix '" + base + "' in " + text);
        };
        return fromBytes(bytes);
    }

    /** Parses a binary CID (v1, or a bare v0 multihash). */
    public static Cid fromBytes(byte[] bytes) {
        if (bytes.length == 34 && bytes[0] == 0x12 && bytes[1] == 0x20) {
            return fromV0(bytes);
        }
        int[] pos = {0};
        long version = Varint.read(bytes, pos);
        if (version != 1) {
            throw new InvalidCidException("unsupported CID version " + version);
        }
        long codec = Varint.read(bytes, pos);
        if (codec > Integer.MAX_VALUE || Multicodec.contentCodecName((int) codec).isEmpty()) {
            throw new InvalidCidException("unknown content codec 0x" + Long.toHexString(codec));
        }
        long hash = Varint.read(bytes, pos);
        long length = Varint.read(bytes, pos);
        if (hash != Multicodec.SHA2_256 || length != DIGEST_LENGTH) {
            throw new InvalidCidException("unsupported multihash 0x" + Long.toHexString(hash) + " of length " + length);
        }
        if (bytes.length - pos[0] != DIGEST_LENGTH) {
            throw new InvalidCidException("CID has " + (bytes.length - pos[0]) + " digest bytes, expected 32");
        }
        return new Cid(1, (int) codec, (int) hash, Arrays.copyOfRange(bytes, pos[0], bytes.length));
    }

    private static Cid fromV0(byte[] bytes) {
        if (bytes.length != 34 || bytes[0] != 0x12 || bytes[1] != 0x20) {
            throw new InvalidCidException("CIDv0 must be a 34-byte sha2-256 multihash");
        }
        return new Cid(0, Multicodec.DAG_PB, Multicodec.SHA2_256, Arrays.copyOfRange(bytes, 2, 34));
    }

    private static byte[] decodeBase(java.util.function.Supplier<byte[]> decoder, String text) {
        try {
            return decoder.get();
        } catch (InvalidCidException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidCidException("not a CID: " + text + " (" + e.getMessage() + ")");
        }
    }

    public int version() {
        return version;
    }

    public int codec() {
        return codec;
    }

    public byte[] digest() {
        return digest.clone();
    }

    public boolean isManifest() {
        return codec == Multicodec.CODEX_MANIFEST;
    }

    /** The binary form: {@code 0x01 ‖ varint(codec) ‖ 0x12 0x20 ‖ digest} (v0: the bare multihash). */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(40);
        if (version == 1) {
            Varint.write(out, 1);
            Varint.write(out, codec);
        }
        Varint.write(out, hashCode);
        Varint.write(out, DIGEST_LENGTH);
        out.writeBytes(digest);
        return out.toByteArray();
    }

    /** The canonical text: base58btc with the {@code z} prefix for v1, plain base58 for v0. */
    @Override
    public String toString() {
        return version == 1 ? "z" + Base58.encode(toBytes()) : Base58.encode(toBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid other && version == other.version && codec == other.codec
                && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest) * 31 + codec;
    }
}
