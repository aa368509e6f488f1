package org.archivist.codex.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The two manifest wire formats: the {@code /api/codex/v1} line's header (1 treeCid, 2 blockSize, 3 datasetSize,
 * 4 codec, 5 hcodec, 6 CID version, 8 filename, 9 mimetype) and the {@code /api/storage/v1} line's, which writes
 * {@code manifestVersion} (0) as field 1 and moves every other field up by one.
 */
enum ManifestFormat {
    CODEX(0), STORAGE(1);

    private final int shift;

    ManifestFormat(int shift) {
        this.shift = shift;
    }

    static ManifestFormat forPrefix(String prefix) {
        return prefix.equals(EmulatorConfig.STORAGE_PREFIX) ? STORAGE : CODEX;
    }

    byte[] encode(NodeManifest m) {
        ByteArrayOutputStream h = new ByteArrayOutputStream(96);
        if (this == STORAGE) {
            varint(h, 1, 0);
        }
        bytes(h, 1 + shift, m.tree().bytes());
        varint(h, 2 + shift, m.blockSize());
        varint(h, 3 + shift, m.datasetSize());
        varint(h, 4 + shift, NodeCid.BLOCK);
        varint(h, 5 + shift, 0x12);
        varint(h, 6 + shift, 2);
        if (m.filename() != null) {
            bytes(h, 8, m.filename().getBytes(StandardCharsets.UTF_8));
        }
        if (m.mimetype() != null) {
            bytes(h, 9, m.mimetype().getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(h.size() + 3);
        bytes(out, 1, h.toByteArray());
        return out.toByteArray();
    }

    /** Reads a manifest of this format; fails (IllegalArgumentException) as the node's decoder would. */
    NodeManifest decode(byte[] b) {
        byte[] header = null;
        int[] at = {0};
        while (at[0] < b.length) {
            long key = NodeCid.uvarint(b, at);
            byte[] v = value(b, at, key);
            if (key == (1 << 3 | 2)) {
                header = v;
            }
        }
        if (header == null) {
            throw new IllegalArgumentException("no header");
        }
        NodeCid tree = null;
        long blockSize = -1;
        long size = -1;
        long version = this == STORAGE ? -1 : 0;
        String name = null;
        String type = null;
        at[0] = 0;
        while (at[0] < header.length) {
            long key = NodeCid.uvarint(header, at);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            byte[] v = value(header, at, key);
            long n = wire == 0 ? NodeCid.uvarint(v, new int[] {0}) : 0;
            if (this == STORAGE && field == 1 && wire == 0) {
                version = n;
            } else if (field == 1 + shift && wire == 2) {
                tree = NodeCid.fromBytes(v);
            } else if (field == 2 + shift && wire == 0) {
                blockSize = n;
            } else if (field == 3 + shift && wire == 0) {
                size = n;
            } else if (field == 8 && wire == 2) {
                name = new String(v, StandardCharsets.UTF_8);
            } else if (field == 9 && wire == 2) {
                type = new String(v, StandardCharsets.UTF_8);
            }
        }
        if (version != 0 || tree == null || tree.codec() != NodeCid.ROOT || blockSize <= 0 || size < 0) {
            throw new IllegalArgumentException("not a " + this + " manifest");
        }
        return new NodeManifest(tree, blockSize, size, name, type);
    }

    private static byte[] value(byte[] b, int[] at, long key) {
        int start = at[0];
        switch ((int) (key & 7)) {
            case 0 -> NodeCid.uvarint(b, at);
            case 1 -> at[0] += 8;
            case 5 -> at[0] += 4;
            case 2 -> {
                long len = NodeCid.uvarint(b, at);
                if (len < 0 || len > b.length - at[0]) {
                    throw new IllegalArgumentException("truncated field");
                }
                start = at[0];
                at[0] += (int) len;
            }
            default -> throw new IllegalArgumentException("wire type " + (key & 7));
        }
        if (at[0] > b.length) {
            throw new IllegalArgumentException("truncated field");
        }
        return Arrays.copyOfRange(b, start, at[0]);
    }

    private static void varint(ByteArrayOutputStream out, int field, long v) {
        NodeCid.putUvarint(out, (long) field << 3);
        NodeCid.putUvarint(out, v);
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] v) {
        NodeCid.putUvarint(out, (long) field << 3 | 2);
        NodeCid.putUvarint(out, v.length);
        out.writeBytes(v);
    }
}
