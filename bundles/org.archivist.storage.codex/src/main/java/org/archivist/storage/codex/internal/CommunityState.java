package org.archivist.storage.codex.internal;

import java.util.List;
import java.util.Optional;

import org.archivist.storage.codex.cid.CodexLine;

/**
 * What the backend remembers of one community's committed set, keyed on content: the index and the archive
 * datasets (content key, upload name, manifest CID on {@code line}), whether it is seeded, and when every
 * dataset was last re-stored on the node (to outrun the node's block TTL). When the node turns out to run
 * another line, the manifest CIDs are recomputed from the content; the content keys stay.
 */
record CommunityState(CodexLine line, Optional<Dataset> index, List<Dataset> archives, boolean seeded,
        long refreshedAtMillis) {
    static CommunityState empty(CodexLine line) {
        return new CommunityState(line, Optional.empty(), List.of(), false, 0);
    }

    CommunityState {
        archives = List.copyOf(archives);
    }

    Optional<String> indexCid() {
        return index.map(Dataset::cid);
    }

    List<String> archiveCids() {
        return archives.stream().map(Dataset::cid).toList();
    }

    Optional<Dataset> archiveByCid(String cid) {
        return archives.stream().filter(d -> d.cid().equals(cid)).findFirst();
    }

    CommunityState seeded(boolean on) {
        return new CommunityState(line, index, archives, on, refreshedAtMillis);
    }

    CommunityState refreshedAt(long millis) {
        return new CommunityState(line, index, archives, seeded, millis);
    }
}
