package org.archivist.storage.codex.client;

import org.archivist.storage.codex.cid.Cid;
import org.archivist.storage.codex.cid.CodexManifest;
import org.archivist.storage.codex.cid.ContentKey;

/** A dataset as the node describes it: its manifest CID and the manifest's fields. */
public record ManifestInfo(String cid, String treeCid, long datasetSize, long blockSize, String filename,
        String mimetype, boolean isProtected) {

    /** The manifest these fields describe; its {@code cid(line)} must be {@link #cid()} on the node's line. */
    public CodexManifest manifest() {
        return new CodexManifest(Cid.parse(treeCid), blockSize, datasetSize, filename, mimetype);
    }

    /** What the dataset is, the same on every node line: key anything that must survive an upgrade on it. */
    public ContentKey contentKey() {
        return new ContentKey(Cid.parse(treeCid), Math.toIntExact(blockSize));
    }
}
