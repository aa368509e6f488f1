package org.archivist.codex.emulator;

/** What a dataset manifest says, whichever line's wire format carries it. */
record NodeManifest(NodeCid tree, long blockSize, long datasetSize, String filename, String mimetype) {
    long blockCount() {
        return (datasetSize + blockSize - 1) / blockSize;
    }

    NodeCid cid(ManifestFormat format) {
        return NodeCid.of(NodeCid.MANIFEST, Sha.sha256(format.encode(this)));
    }
}
