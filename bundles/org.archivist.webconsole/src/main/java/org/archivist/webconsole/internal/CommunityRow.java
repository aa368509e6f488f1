package org.archivist.webconsole.internal;

import java.util.Map;
import java.util.Optional;

import org.archivist.api.service.CommunityArchiveStatus;

/**
 * What the page shows of one community: its status and its link clocks (empty with the reason when the
 * service could not read them).
 */
record CommunityRow(CommunityArchiveStatus status, Map<String, Long> linkClocks, Optional<String> clockError) {
    CommunityRow {
        linkClocks = Map.copyOf(linkClocks);
    }

    String role() {
        return status.controlNode() ? "owner" : "member";
    }

    /** Where the archives are stored, for the bar colour: bittorrent, codex, both or the backends' names. */
    String storage() {
        var b = status.backends();
        if (b.contains("bittorrent") && b.contains("codex")) {
            return "both";
        }
        return b.size() == 1 ? b.iterator().next() : String.join("+", new java.util.TreeSet<>(b));
    }
}
