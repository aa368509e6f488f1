package org.archivist.storage.codex.cid;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The root of a Codex dataset tree: pairs are hashed as {@code sha256(left ‖ right ‖ key)} with key byte
 * 0x01 in the bottom layer and 0x00 above; an odd last node is paired with 32 zero bytes under key 0x03
 * (bottom) or 0x02 (upper). The bottom layer is always compressed once, even for a single leaf.
 */
public final class CodexMerkleTree {
    private static final byte KEY_NONE = 0x00;
    private static final byte KEY_BOTTOM = 0x01;
    private static final byte KEY_ODD = 0x02;
    private static final byte KEY_ODD_BOTTOM = 0x03;
    private static final byte[] ZERO = new byte[Cid.DIGEST_LENGTH];

    private CodexMerkleTree() {
    }

    /** The root over the leaf digests; fails on an empty list, as the node does ("Empty leaves"). */
    public static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("Empty leaves");
        }
        MessageDigest sha = Sha256.create();
        List<byte[]> layer = leaves;
        boolean bottom = true;
        do {
            List<byte[]> next = new ArrayList<>((layer.size() + 1) / 2);
            int pairs = layer.size() / 2;
            for (int i = 0; i < pairs; i++) {
                next.add(compress(sha, layer.get(2 * i), layer.get(2 * i + 1), bottom ? KEY_BOTTOM : KEY_NONE));
            }
            if (layer.size() % 2 == 1) {
                next.add(compress(sha, layer.get(layer.size() - 1), ZERO, bottom ? KEY_ODD_BOTTOM : KEY_ODD));
            }
            layer = next;
            bottom = false;
        } while (layer.size() > 1);
        return layer.get(0);
    }

    private static byte[] compress(MessageDigest sha, byte[] left, byte[] right, byte key) {
        sha.reset();
        sha.update(left);
        sha.update(right);
        sha.update(key);
        return sha.digest();
    }
}
