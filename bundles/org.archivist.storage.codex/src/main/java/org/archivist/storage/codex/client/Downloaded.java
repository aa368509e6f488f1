package org.archivist.storage.codex.client;

import java.nio.file.Path;

import org.archivist.storage.codex.cid.ContentKey;

/**
 * A finished, verified download: where it is, how many bytes, the name and type the node reported, and the
 * content key (tree CID and block size) the bytes were verified against (null for a non-manifest CID).
 */
public record Downloaded(String cid, Path file, long bytes, String filename, String mimetype, ContentKey contentKey) {
}
