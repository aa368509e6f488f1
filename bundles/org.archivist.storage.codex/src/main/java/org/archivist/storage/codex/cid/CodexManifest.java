package org.archivist.storage.codex.cid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Codex dataset manifest (unprotected), as the protobuf a node writes, in either line's wire format
 * ({@link CodexLine}): outer field 1 = header. {@link CodexLine#CODEX_V1}: header {1 treeCid, 2 blockSize,
 * 3 datasetSize, 4 codec, 5 hcodec, 6 version, 8 filename, 9 mimetype}. {@link CodexLine#STORAGE_V1}: header
 * {1 manifestVersion (0), 2 treeCid, 3 blockSize, 4 datasetSize, 5 codec, 6 hcodec, 7 version, 8 filename,
 * 9 mimetype}. Its SHA-256 under {@code codex-manifest} is the dataset's manifest CID, so the same upload has a
 * different manifest CID on each line; {@link #contentKey()} is the same on both.
 */
public record CodexManifest(Cid treeCid, long blockSize, long datasetSize, String filename, String mimetype) {
    private static final int CIDV1_ORDINAL = 2;
    private static final int MANIFEST_VERSION = 0;

    public CodexManifest {
        Objects.requireNonNull(treeCid, "a manifest needs a tree CID");
        if (blockSize <= 0 || datasetSize < 0) {
            throw new IllegalArgumentException("blockSize must be positive and datasetSize not negative");
        }
    }

    /** The {@code /api/codex/v1} encoding. */
    public byte[] encode() {
        return encode(CodexLine.CODEX_V1);
    }

    /** The bytes a node of this line writes for this manifest. */
    public byte[] encode(CodexLine line) {
        int s = line.fieldShift();
        ByteArrayOutputStream header = new ByteArrayOutputStream(64);
        if (line.versionedHeader()) {
            varintField(header, 1, MANIFEST_VERSION);
        }
        bytesField(header, 1 + s, treeCid.toBytes());
        varintField(header, 2 + s, blockSize);
        varintField(header, 3 + s, datasetSize);
        varintField(header, 4 + s, Multicodec.CODEX_BLOCK);
        varintField(header, 5 + s, Multicodec.SHA2_256);
        varintField(header, 6 + s, CIDV1_ORDINAL);
        if (filename != null) {
            bytesField(header, 8, filename.getBytes(StandardCharsets.UTF_8));
        }
        if (mimetype != null) {
            bytesField(header, 9, mimetype.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.size() + 4);
        bytesField(out, 1, header.toByteArray());
        return out.toByteArray();
    }

    /** The {@code /api/codex/v1} manifest CID. */
    public Cid cid() {
        return cid(CodexLine.CODEX_V1);
    }

    /** The manifest CID a node of this line gives this manifest: CIDv1(codex-manifest, sha256(encoding)). */
    public Cid cid(CodexLine line) {
        return Cid.of(Multicodec.CODEX_MANIFEST, Sha256.of(encode(line)));
    }

    /** What the dataset is, whichever line stores it. */
    public ContentKey contentKey() {
        return ContentKey.of(this);
    }

    /** The number of blocks of the dataset. */
    public long blockCount() {
        return (datasetSize + blockSize - 1) / blockSize;
    }

    /** Decodes {@code /api/codex/v1} manifest bytes. */
    public static CodexManifest decode(byte[] bytes) {
        return decode(bytes, CodexLine.CODEX_V1);
    }

    /**
     * Decodes manifest bytes of one line; unknown fields are skipped, an empty filename or MIME type reads as
     * none. Throws {@link IllegalArgumentException} naming what is wrong (also for a manifest version other
     * than 0 on the current line).
     */
    public static CodexManifest decode(byte[] bytes, CodexLine line) {
        int s = line.fieldShift();
        byte[] header = header(bytes);
        Cid tree = null;
        long blockSize = -1;
        long datasetSize = -1;
        long version = line.versionedHeader() ? -1 : MANIFEST_VERSION;
        String filename = null;
        String mimetype = null;
        int[] pos = {0};
        while (pos[0] < header.length) {
            long key = Varint.read(header, pos);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (line.versionedHeader() && field == 1 && wire == 0) {
                version = Varint.read(header, pos);
            } else if (field == 1 + s && wire == 2) {
                tree = Cid.fromBytes(lengthDelimited(header, pos));
            } else if (field == 2 + s && wire == 0) {
                blockSize = Varint.read(header, pos);
            } else if (field == 3 + s && wire == 0) {
                datasetSize = Varint.read(header, pos);
            } else if (field == 8 && wire == 2) {
                filename = emptyAsNone(lengthDelimited(header, pos));
            } else if (field == 9 && wire == 2) {
                mimetype = emptyAsNone(lengthDelimited(header, pos));
            } else {
                skip(header, pos, key);
            }
        }
        if (version != MANIFEST_VERSION) {
            throw new IllegalArgumentException(version < 0 ? "manifest header lacks manifestVersion"
                    : "unsupported manifest version " + version);
        }
        if (tree == null || blockSize <= 0 || datasetSize < 0) {
            throw new IllegalArgumentException("manifest header lacks treeCid, blockSize or datasetSize");
        }
        return new CodexManifest(tree, blockSize, datasetSize, filename, mimetype);
    }

    /**
     * The line whose wire format these manifest bytes are in: the current line's header starts with the
     * {@code manifestVersion} varint (field 1, wire type 0), the older one's with the tree CID (field 1, bytes).
     */
    public static CodexLine lineOf(byte[] bytes) {
        byte[] header = header(bytes);
        if (header.length == 0) {
            throw new IllegalArgumentException("empty manifest header");
        }
        long key = Varint.read(header, new int[] {0});
        if (key == (1 << 3)) {
            return CodexLine.STORAGE_V1;
        }
        if (key == (1 << 3 | 2)) {
            return CodexLine.CODEX_V1;
        }
        throw new IllegalArgumentException("manifest header starts with field " + (key >>> 3) + " wire type " + (key & 7));
    }

    private static byte[] header(byte[] bytes) {
        int[] pos = {0};
        byte[] header = null;
        while (pos[0] < bytes.length) {
            long key = Varint.read(bytes, pos);
            if (key == (1 << 3 | 2)) {
                header = lengthDelimited(bytes, pos);
            } else {
                skip(bytes, pos, key);
            }
        }
        if (header == null) {
            throw new IllegalArgumentException("manifest has no header");
        }
        return header;
    }

    private static String emptyAsNone(byte[] value) {
        return value.length == 0 ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] lengthDelimited(byte[] in, int[] pos) {
        long len = Varint.read(in, pos);
        if (len < 0 || len > in.length - pos[0]) {
            throw new IllegalArgumentException("truncated manifest field");
        }
        byte[] out = Arrays.copyOfRange(in, pos[0], pos[0] + (int) len);
        pos[0] += (int) len;
        return out;
    }

    private static void skip(byte[] in, int[] pos, long key) {
        switch ((int) (key & 7)) {
            case 0 -> Varint.read(in, pos);
            case 2 -> lengthDelimited(in, pos);
            case 1 -> pos[0] += 8;
            case 5 -> pos[0] += 4;
            default -> throw new IllegalArgumentException("unsupported protobuf wire type " + (key & 7));
        }
        if (pos[0] > in.length) {
            throw new IllegalArgumentException("truncated manifest field");
        }
    }

    private static void varintField(ByteArrayOutputStream out, int field, long value) {
        Varint.write(out, (long) field << 3);
        Varint.write(out, value);
    }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] value) {
        Varint.write(out, ((long) field << 3) | 2);
        Varint.write(out, value.length);
        out.writeBytes(value);
    }
}
