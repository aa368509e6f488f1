package org.archivist.webconsole.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

import org.archivist.api.service.CommunityArchiveStatus;

/**
 * One backend of one community as its row shows it: the backend's state (empty view: not registered now) and, on
 * BitTorrent, whether the community's set is seeded and the peers on its torrent (the backend's
 * {@code peers.<community>} metric, reported for each seeded community; empty otherwise).
 */
record NodeState(String backend, Optional<BackendView> view, Optional<String> seeding, OptionalLong communityPeers) {
    static final String SEEDING = "seeding";
    static final String UNSEEDED = "unseeded";
    static final String NOTHING_TO_SEED = "nothing to seed yet";
    static final String NOT_SEEN = "not seen seeding since the console started";

    /** The states of every backend the community uses, in name order. */
    static List<NodeState> of(CommunityArchiveStatus s, Activity.Snapshot activity, Map<String, BackendView> views) {
        List<NodeState> out = new ArrayList<>();
        for (String type : new TreeSet<>(s.backends())) {
            Optional<BackendView> view = Optional.ofNullable(views.get(type));
            boolean torrent = Storage.BITTORRENT.equals(type);
            OptionalLong peers = torrent && view.isPresent()
                    ? view.get().metric(BackendView.PEERS + "." + s.community().hex()) : OptionalLong.empty();
            out.add(new NodeState(type, view, torrent ? Optional.of(seeding(s, activity, view, peers.isPresent()))
                    : Optional.empty(), peers));
        }
        return out;
    }

    /**
     * Whether the community's torrent is seeded: not while the engine is down; seeded when the backend reports the
     * torrent's peers ({@code reported}: it does for every torrent it seeds); otherwise the last seeding event (the
     * scheduler's {@code SEEDING} after a publish or a completed download, {@code UNSEEDED}); without one, an owner
     * with a magnet link seeds it (the scheduler seeds the committed set when it starts the community).
     */
    static String seeding(CommunityArchiveStatus s, Activity.Snapshot activity, Optional<BackendView> view,
            boolean reported) {
        if (view.isEmpty()) {
            return "not seeding: the backend is not running";
        }
        if (!view.get().up()) {
            return "not seeding: the backend is " + view.get().state().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (reported) {
            return SEEDING;
        }
        if (activity.seeding().isPresent()) {
            return activity.seeding().get() ? SEEDING : UNSEEDED;
        }
        boolean magnet = s.links().stream().anyMatch(l -> l.startsWith("magnet:"));
        if (!magnet) {
            return NOTHING_TO_SEED;
        }
        return s.controlNode() ? SEEDING : NOT_SEEN;
    }
}
