package org.archivist.storage.codex.cid;

import java.util.List;

/**
 * A dataset's unpadded size, block size and block digests, in order; the tree root and CIDs derive from them.
 */
public record DatasetTree(long datasetSize, int blockSize, List<byte[]> leaves) {
    public DatasetTree {
        DatasetHasher.checkBlockSize(blockSize);
        leaves = List.copyOf(leaves);
    }

    /** A tree of 64 KiB blocks. */
    public DatasetTree(long datasetSize, List<byte[]> leaves) {
        this(datasetSize, DatasetHasher.BLOCK_SIZE, leaves);
    }

    /** The tree CID ({@code codex-root}); fails for an empty dataset ("Empty leaves"), as the node does. */
    public Cid treeCid() {
        return Cid.of(Multicodec.CODEX_ROOT, CodexMerkleTree.root(leaves));
    }

    public Cid blockCid(int index) {
        return Cid.of(Multicodec.CODEX_BLOCK, leaves.get(index));
    }

    public int blockCount() {
        return leaves.size();
    }

    /** The manifest of this dataset with the given filename and MIME type (each may be null). */
    public CodexManifest manifest(String filename, String mimetype) {
        return new CodexManifest(treeCid(), blockSize, datasetSize, filename, mimetype);
    }
}
