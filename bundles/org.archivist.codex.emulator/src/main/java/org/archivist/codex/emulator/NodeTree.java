package org.archivist.codex.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a stream into blocks of the dataset's block size (the last one zero-padded), hands each to a store, and
 * computes the node's Merkle root: {@code sha256(left ‖ right ‖ key)}, key 1 for bottom pairs and 0 above, an odd
 * node paired with 32 zero bytes under key 3 (bottom) or 2 (above); the bottom layer is compressed even when
 * it holds a single leaf.
 */
final class NodeTree {
    interface BlockStore {
        void put(NodeCid cid, byte[] block) throws IOException;
    }

    private NodeTree() {
    }

    /** The leaf digests of the stream's blocks, each block given to the store; {@code size[0]} gets the length. */
    static List<byte[]> chunk(InputStream in, int blockSize, BlockStore store, long[] size) throws IOException {
        List<byte[]> leaves = new ArrayList<>();
        MessageDigest sha = Sha.create();
        byte[] block = new byte[blockSize];
        while (true) {
            int fill = in.readNBytes(block, 0, blockSize);
            if (fill == 0) {
                return leaves;
            }
            size[0] += fill;
            Arrays.fill(block, fill, blockSize, (byte) 0);
            byte[] digest = sha.digest(block);
            leaves.add(digest);
            store.put(NodeCid.of(NodeCid.BLOCK, digest), block);
            if (fill < blockSize) {
                return leaves;
            }
        }
    }

    static NodeCid treeCid(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("Empty leaves");
        }
        MessageDigest sha = Sha.create();
        List<byte[]> layer = leaves;
        int level = 0;
        do {
            List<byte[]> up = new ArrayList<>();
            for (int i = 0; i < layer.size(); i += 2) {
                boolean odd = i + 1 == layer.size();
                sha.update(layer.get(i));
                sha.update(odd ? new byte[32] : layer.get(i + 1));
                sha.update((byte) ((odd ? 2 : 0) + (level == 0 ? 1 : 0)));
                up.add(sha.digest());
            }
            layer = up;
            level++;
        } while (layer.size() > 1);
        return NodeCid.of(NodeCid.ROOT, layer.get(0));
    }

    static List<byte[]> split(byte[] all) {
        List<byte[]> out = new ArrayList<>(all.length / 32);
        for (int i = 0; i + 32 <= all.length; i += 32) {
            out.add(Arrays.copyOfRange(all, i, i + 32));
        }
        return out;
    }
}
