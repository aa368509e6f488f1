package org.archivist.storage.codex.client;

import java.nio.file.Path;

/** A finished, verified download: where it is, how many bytes, and the name and type the node reported. */
public record Downloaded(String cid, Path file, long bytes, String filename, String mimetype) {
}
