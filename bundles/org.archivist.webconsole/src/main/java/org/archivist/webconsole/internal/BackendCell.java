package org.archivist.webconsole.internal;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The backends as the page shows them: a line with every registered backend's state and figures above the table,
 * and in each community's row the state of each backend it uses (BitTorrent: seeding or not, the peers on its torrent;
 * Codex: the node reachable or not, its quota in use).
 */
final class BackendCell {
    private BackendCell() {
    }

    /** Every registered backend, one after the other; nothing when none is known. */
    static void summary(StringBuilder out, Map<String, BackendView> backends) {
        if (backends.isEmpty()) {
            return;
        }
        // divs only: a <p> would be closed by the first <div> inside it
        out.append("<div class=\"backends-state\"><strong>Backends:</strong> ");
        for (BackendView v : backends.values()) {
            out.append("<div class=\"node\" data-backend=\"").append(Html.escape(v.type())).append("\"><strong>")
                    .append(Html.escape(v.type())).append("</strong> ");
            state(out, v);
            figures(out, v, Row.NONE);
            out.append("</div>");
        }
        out.append("</div>");
    }

    /** One backend of a community's row. */
    static void node(StringBuilder out, NodeState n) {
        out.append("<div class=\"node\" data-backend=\"").append(Html.escape(n.backend())).append("\">")
                .append(Html.escape(n.backend())).append(' ');
        if (n.view().isEmpty()) {
            out.append("<span class=\"node-state state-absent\">NOT RUNNING</span>");
        } else {
            state(out, n.view().get());
        }
        n.seeding().ifPresent(sd -> out.append("<div class=\"seeding detail\" data-seeding=\"").append(Html.escape(sd))
                .append("\">").append(Html.escape(sd)).append("</div>"));
        n.communityPeers().ifPresent(p -> out.append("<div class=\"peers detail\" data-peers=\"").append(p)
                .append("\" data-peers-of=\"community\">").append(p).append(p == 1 ? " peer" : " peers")
                .append(" on its torrent</div>"));
        n.view().ifPresent(v -> figures(out, v, n.communityPeers().isEmpty() ? Row.ENGINE_PEERS : Row.NO_PEERS));
        out.append("</div>");
    }

    private static void state(StringBuilder out, BackendView v) {
        String state = v.state().name();
        out.append("<span class=\"node-state state-").append(state.toLowerCase(Locale.ROOT)).append("\" title=\"")
                .append(Html.escape(v.detail())).append("\">").append(state).append("</span>");
        if (!v.up() && !v.detail().isEmpty()) {
            out.append("<div class=\"node-detail error\">").append(Html.escape(v.detail())).append("</div>");
        }
    }

    /** Where figures are shown: the summary line, or a row with or without its torrent's own peer count. */
    private enum Row {
        NONE, ENGINE_PEERS, NO_PEERS
    }

    /**
     * The backend's figures: BitTorrent's peers and seeded communities, Codex's reachability and quota; in a row
     * without what is the same for every community (how many the engine seeds), and the engine's peers over all
     * torrents only when the community's own count is not reported.
     */
    private static void figures(StringBuilder out, BackendView v, Row row) {
        boolean inRow = row != Row.NONE;
        OptionalLong peers = v.metric(BackendView.PEERS);
        if (peers.isPresent() && row != Row.NO_PEERS) {
            out.append("<div class=\"peers detail\" data-peers=\"").append(peers.getAsLong()).append("\">")
                    .append(peers.getAsLong()).append(peers.getAsLong() == 1 ? " peer" : " peers")
                    .append(inRow ? " (all torrents)" : " connected (all torrents)");
            OptionalLong seeded = v.metric(BackendView.SEEDING_COMMUNITIES);
            if (seeded.isPresent() && !inRow) {
                out.append(", ").append(seeded.getAsLong()).append(" communit")
                        .append(seeded.getAsLong() == 1 ? "y" : "ies").append(" seeded");
            }
            out.append("</div>");
        }
        if (Storage.CODEX.equals(v.type())) {
            out.append("<div class=\"reachability detail\" data-reachable=\"").append(v.up()).append("\">node ")
                    .append(v.up() ? "reachable" : v.state() == org.archivist.api.storage.BackendStatus.State.STARTING
                            ? "not probed yet" : "not reachable").append("</div>");
        }
        v.quota().ifPresent(q -> out.append("<div class=\"quota detail\" data-used=\"").append(q[0])
                .append("\" data-max=\"").append(q[1]).append("\">quota ").append(Html.escape(Sizes.bytes(q[0])))
                .append(" of ").append(Html.escape(Sizes.bytes(q[1]))).append(" used <meter class=\"quota\" min=\"0\" max=\"100\" value=\"")
                .append(v.quotaPercent()).append("\">").append(v.quotaPercent()).append("%</meter> ")
                .append(v.quotaPercent()).append("%</div>"));
    }
}
