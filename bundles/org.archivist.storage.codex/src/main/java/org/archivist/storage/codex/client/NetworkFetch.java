package org.archivist.storage.codex.client;

import java.util.OptionalLong;

/**
 * A background fetch the node started ({@code POST /data/{cid}/network}): the dataset's manifest and, on the
 * current line, the download id to ask its progress or cancel it with (the same id for a second request of
 * the same dataset while the first runs).
 */
public record NetworkFetch(String cid, ManifestInfo manifest, OptionalLong downloadId) {
}
