package org.archivist.storage.codex.cid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Codex dataset manifest (unprotected): the protobuf a node writes, field by field in its order:
 * outer field 1 = header {1 treeCid, 2 blockSize, 3 datasetSize, 4 codec, 5 hcodec, 6 version, 8 filename,
 * 9 mimetype}. Its SHA-256 under {@code codex-manifest} is the dataset's CID.
 */
public record CodexManifest(Cid treeCid, long blockSize, long datasetSize, String filename, String mimetype) {
    private static final int CIDV1_ORDINAL = 2;

    public CodexManifest {
        if (treeCid == null || treeCid.codec() != Multicodec.CODEX_ROOT) {
            throw new IllegalArgumentException("a manifest needs a codex-root tree CID");
        }
    }

    public byte[] encode() {
        ByteArrayOutputStream header = new ByteArrayOutputStream(64);
        bytesField(header, 1, treeCid.toBytes());
        varintField(header, 2, blockSize);
        varintField(header, 3, datasetSize);
        varintField(header, 4, Multicodec.CODEX_BLOCK);
        varintField(header, 5, Multicodec.SHA2_256);
        varintField(header, 6, CIDV1_ORDINAL);
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

    /** The manifest CID: CIDv1(codex-manifest, sha256(encoded manifest)). */
    public Cid cid() {
        return Cid.of(Multicodec.CODEX_MANIFEST, Sha256.of(encode()));
    }

    /** The number of 64 KiB blocks of the dataset. */
    public long blockCount() {
        return (datasetSize + blockSize - 1) / blockSize;
    }

    /** Decodes manifest bytes; throws {@link IllegalArgumentException} naming what is wrong. */
    public static CodexManifest decode(byte[] bytes) {
        int[] pos = {0};
        byte[] header = null;
        while (pos[0] < bytes.length) {
            long key = Varint.read(bytes, pos);
            if (key >>> 3 == 1 && (key & 7) == 2) {
                header = lengthDelimited(bytes, pos);
            } else {
                skip(bytes, pos, key);
            }
        }
        if (header == null) {
            throw new IllegalArgumentException("manifest has no header");
        }
        Cid tree = null;
        long blockSize = -1;
        long datasetSize = -1;
        String filename = null;
        String mimetype = null;
        pos[0] = 0;
        while (pos[0] < header.length) {
            long key = Varint.read(header, pos);
            int field = (int) (key >>> 3);
            switch (field) {
                case 1 -> tree = Cid.fromBytes(lengthDelimited(header, pos));
                case 2 -> blockSize = Varint.read(header, pos);
                case 3 -> datasetSize = Varint.read(header, pos);
                case 8 -> filename = new String(lengthDelimited(header, pos), StandardCharsets.UTF_8);
                case 9 -> mimetype = new String(lengthDelimited(header, pos), StandardCharsets.UTF_8);
                default -> skip(header, pos, key);
            }
        }
        if (tree == null || blockSize <= 0 || datasetSize < 0) {
            throw new IllegalArgumentException("manifest header lacks treeCid, blockSize or datasetSize");
        }
        return new CodexManifest(tree, blockSize, datasetSize, filename, mimetype);
    }

    private static byte[] lengthDelimited(byte[] in, int[] pos) {
        long len = Varint.read(in, pos);
        if (len < 0 || pos[0] + len > in.length) {
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
