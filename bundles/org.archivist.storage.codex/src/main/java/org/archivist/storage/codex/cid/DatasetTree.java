package org.archivist.storage.codex.cid;

import java.util.List;

/** A dataset's unpadded size and its block digests, in order; the tree root and CIDs derive from them. */
public record DatasetTree(long datasetSize, List<byte[]> leaves) {
    public DatasetTree {
        leaves = List.copyOf(leaves);
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
        return new CodexManifest(treeCid(), DatasetHasher.BLOCK_SIZE, datasetSize, filename, mimetype);
    }
}
