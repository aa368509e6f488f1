package org.archivist.webconsole.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page's HTML fragment (the web console draws its frame around it): a table, one row per community, its
 * timeline and its "archive now" form, every value escaped.
 */
final class StatusPage {
    private StatusPage() {
    }

    /**
     * @param action  where the "archive now" forms post (the plugin's own path)
     * @param message the outcome of the last action, shown once above the table
     * @param serviceDown why there is no data, when the archive service is not running
     */
    static String render(List<CommunityRow> rows, Instant now, String action, Optional<String> message,
            Optional<String> serviceDown) {
        StringBuilder out = new StringBuilder(4096);
        out.append(STYLE);
        out.append("<div id=\"archivist\">");
        message.ifPresent(m -> out.append("<p class=\"archivist-message\">").append(Html.escape(m)).append("</p>"));
        if (serviceDown.isPresent()) {
            out.append("<p class=\"archivist-down\">").append(Html.escape(serviceDown.get())).append("</p></div>");
            return out.toString();
        }
        out.append("<p class=\"statline\">").append(rows.size()).append(" communit").append(rows.size() == 1 ? "y" : "ies")
                .append(" &middot; as of ").append(Html.escape(now)).append(" &middot; <a href=\"")
                .append(Html.escape(action)).append("/data.json\">JSON</a></p>");
        if (rows.isEmpty()) {
            out.append("<p class=\"archivist-empty\">No community is configured (factory configuration ")
                    .append("org.archivist.scheduler.community).</p></div>");
            return out.toString();
        }
        Timeline axis = Timeline.axis(rows, now);
        out.append(Timeline.defs());
        out.append("<table class=\"tablesorter nicetable archivist-communities\"><thead><tr>")
                .append("<th>Community</th><th>Role</th><th>Backends</th><th>Last archive end</th>")
                .append("<th>Archives</th><th>Imported</th><th>Links</th><th>Paused</th><th>Action</th>")
                .append("</tr></thead><tbody>");
        for (CommunityRow r : rows) {
            row(out, r, axis, action);
        }
        out.append("</tbody></table>");
        out.append("<p class=\"legend\">Timeline from ").append(Html.escape(Instant.ofEpochSecond(axis.start())))
                .append(" to now. <span class=\"sw storage-bittorrent\"></span>BitTorrent ")
                .append("<span class=\"sw storage-codex\"></span>Codex <span class=\"sw storage-both\"></span>both ")
                .append("<span class=\"sw gap\"></span>not archived yet. The status reports the end of the last ")
                .append("archive only, so each bar covers the archived span, not single archives.</p>");
        return out.append("</div>").toString();
    }

    private static void row(StringBuilder out, CommunityRow r, Timeline axis, String action) {
        var s = r.status();
        String id = Html.escape(s.community().hex());
        out.append("<tr class=\"community\" data-community=\"").append(id).append("\">");
        out.append("<td class=\"id\"><code>").append(id).append("</code></td>");
        out.append("<td class=\"role\">").append(r.role()).append("</td>");
        out.append("<td class=\"backends\">").append(Html.escape(String.join(", ", new java.util.TreeSet<>(s.backends())))).append("</td>");
        out.append("<td class=\"last-end\">");
        if (s.lastArchiveEnd().isPresent()) {
            out.append("<time datetime=\"").append(Html.escape(Instant.ofEpochSecond(s.lastArchiveEnd().getAsLong())))
                    .append("\">").append(Html.escape(Instant.ofEpochSecond(s.lastArchiveEnd().getAsLong())))
                    .append("</time>");
        } else {
            out.append("&ndash;");
        }
        out.append("</td><td class=\"archives\">").append(s.archives()).append("</td>");
        out.append("<td class=\"imported\">").append(s.imported()).append("</td>");
        out.append("<td class=\"links\">");
        for (String link : s.links()) {
            // readonly inputs: the whole link is selectable and copyable, however long
            out.append("<input class=\"link\" type=\"text\" readonly size=\"40\" value=\"").append(Html.escape(link))
                    .append("\" onfocus=\"this.select()\"/>");
        }
        for (Map.Entry<String, Long> c : r.linkClocks().entrySet()) {
            out.append("<div class=\"clock\">").append(Html.escape(c.getKey())).append(" clock ")
                    .append(c.getValue()).append("</div>");
        }
        r.clockError().ifPresent(e -> out.append("<div class=\"clock-error\">").append(Html.escape(e)).append("</div>"));
        out.append("</td><td class=\"paused\">");
        if (s.paused()) {
            out.append("paused: ").append(Html.escape(String.join(", ", new java.util.TreeSet<>(s.unavailableBackends())))).append(" unavailable");
        } else {
            out.append("no");
        }
        out.append("</td><td class=\"action\">");
        if (s.controlNode()) {
            out.append("<form method=\"post\" action=\"").append(Html.escape(action)).append("\">")
                    .append("<input type=\"hidden\" name=\"action\" value=\"archive\"/>")
                    .append("<input type=\"hidden\" name=\"community\" value=\"").append(id).append("\"/>")
                    .append("<button type=\"submit\" class=\"archive-now\">Archive now</button></form>");
        }
        out.append("</td></tr>");
        out.append("<tr class=\"timeline\" data-community=\"").append(id).append("\"><td colspan=\"9\">")
                .append(axis.svg(r)).append("</td></tr>");
    }

    private static final String STYLE = "<style>"
            + "#archivist .links input.link{width:100%;font-family:monospace;font-size:11px}"
            + "#archivist td.id code{word-break:break-all;font-size:11px}"
            + "#archivist svg.archivist-timeline{height:34px;display:block}"
            + "#archivist .axis{stroke:#999;stroke-width:1}"
            + "#archivist rect.gap,#archivist .sw.gap{fill:none;stroke:#c33;stroke-dasharray:4 3;border:1px dashed #c33}"
            + "#archivist .sw{display:inline-block;width:14px;height:10px;margin:0 4px}"
            + "#archivist .sw.storage-bittorrent{background:#3b7dd8}#archivist .sw.storage-codex{background:#2e9e6b}"
            + "#archivist .sw.storage-both{background:#7a52c7}"
            + "#archivist .archivist-message{font-weight:bold}#archivist .archivist-down{color:#c33}"
            + "@media (max-width:700px){#archivist table.archivist-communities td{display:block}}"
            + "</style>";
}
