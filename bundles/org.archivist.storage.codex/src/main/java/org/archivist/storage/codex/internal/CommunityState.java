package org.archivist.storage.codex.internal;

import java.util.List;
import java.util.Optional;

/**
 * What the backend remembers of one community's committed set: the index CID, the archive CIDs, whether it
 * is seeded, and when every CID was last re-stored on the node (to outrun the node's block TTL).
 */
record CommunityState(Optional<String> indexCid, List<String> archiveCids, boolean seeded, long refreshedAtMillis) {
    static final CommunityState EMPTY = new CommunityState(Optional.empty(), List.of(), false, 0);

    CommunityState {
        archiveCids = List.copyOf(archiveCids);
    }

    CommunityState seeded(boolean on) {
        return new CommunityState(indexCid, archiveCids, on, refreshedAtMillis);
    }

    CommunityState refreshedAt(long millis) {
        return new CommunityState(indexCid, archiveCids, seeded, millis);
    }
}
