package org.archivist.storage.codex.client;

/** A dataset as the node describes it: its manifest CID and the manifest's fields. */
public record ManifestInfo(String cid, String treeCid, long datasetSize, long blockSize, String filename,
        String mimetype, boolean isProtected) {
}
