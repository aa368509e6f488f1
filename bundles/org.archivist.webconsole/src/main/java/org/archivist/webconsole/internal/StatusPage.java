package org.archivist.webconsole.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.archivist.api.service.StorageUsage;

/**
 * The page's HTML fragment (the web console draws its frame around it): a summary line, a confirmation box when
 * a migration waits for one, and a table with one row per community followed by its timeline; every value
 * escaped. Below 700 px wide each community becomes a card, its cells labelled.
 */
final class StatusPage {
    private StatusPage() {
    }

    /**
     * @param action      where the forms post (the plugin's own path)
     * @param csrfToken   the token every form carries
     * @param migrations  whether the migration service is there (the migrate button is offered)
     * @param message     the outcome of the last action, shown once above the table
     * @param confirm     a planned migration waiting for the operator's confirmation
     * @param serviceDown why there is no data, when the archive service is not running
     * @param backends    every registered backend's state
     * @param storage     the node's disk space for archives and its limit, when the scheduler measures it
     */
    record Context(String action, String csrfToken, boolean migrations, Optional<String> message,
            Optional<Actions.Confirmation> confirm, Optional<String> serviceDown, Map<String, BackendView> backends,
            Optional<StorageUsage> storage) {
        Context {
            // in name order, as the page lists them
            backends = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(backends == null ? Map.of()
                    : backends));
        }

        /** A context without the storage figures. */
        Context(String action, String csrfToken, boolean migrations, Optional<String> message,
                Optional<Actions.Confirmation> confirm, Optional<String> serviceDown, Map<String, BackendView> backends) {
            this(action, csrfToken, migrations, message, confirm, serviceDown, backends, Optional.empty());
        }

        /** A context without backend states. */
        Context(String action, String csrfToken, boolean migrations, Optional<String> message,
                Optional<Actions.Confirmation> confirm, Optional<String> serviceDown) {
            this(action, csrfToken, migrations, message, confirm, serviceDown, Map.of());
        }
    }

    /**
     * The node's disk space (what the backends, the scheduler and the file service hold: archives, local copies,
     * files) against its limit.
     */
    private static void storage(StringBuilder out, StorageUsage u) {
        out.append("<p class=\"storage-line\" data-used=\"").append(u.usedBytes()).append("\" data-max=\"")
                .append(u.maxBytes()).append("\">Node storage (archives and files): ")
                .append(Html.escape(Sizes.bytes(u.usedBytes())))
                .append(" in use");
        if (u.limited()) {
            long percent = Math.min(100, u.usedBytes() * 100 / u.maxBytes());
            out.append(" of the ").append(Html.escape(Sizes.bytes(u.maxBytes()))).append(" limit <meter min=\"0\""
                    + " max=\"100\" value=\"").append(percent).append("\">").append(percent).append("%</meter> ")
                    .append(percent).append('%');
            if (u.usedBytes() >= u.maxBytes()) {
                out.append(" &middot; <strong>at the limit: new downloads and file transfers wait</strong>");
            }
        } else {
            out.append(", no limit");
        }
        out.append("</p>");
    }

    static String render(List<CommunityRow> rows, Instant now, Context ctx) {
        StringBuilder out = new StringBuilder(4096 + rows.size() * 2048);
        out.append(STYLE).append(VIEWPORT);
        boolean busy = rows.stream().anyMatch(CommunityRow::busy);
        out.append("<div id=\"archivist\" data-busy=\"").append(busy).append("\" data-json=\"")
                .append(Html.escape(ctx.action())).append("/data.json\">");
        ctx.message().ifPresent(m -> out.append("<p class=\"archivist-message\" role=\"status\">").append(Html.escape(m))
                .append("</p>"));
        if (ctx.serviceDown().isPresent()) {
            out.append("<p class=\"archivist-down\">").append(Html.escape(ctx.serviceDown().get())).append("</p></div>");
            return out.toString();
        }
        ctx.confirm().ifPresent(p -> confirmation(out, p, ctx));
        long archives = rows.stream().mapToLong(r -> r.archives().size()).sum();
        long verified = rows.stream().mapToLong(CommunityRow::verifiedCount).sum();
        long paused = rows.stream().filter(r -> r.status().paused()).count();
        out.append("<p class=\"statline\">").append(rows.size()).append(" communit").append(rows.size() == 1 ? "y" : "ies")
                .append(" &middot; ").append(archives).append(" archive(s) listed, ").append(verified).append(" verified")
                .append(paused > 0 ? " &middot; <strong>" + paused + " paused</strong>" : "")
                .append(" &middot; as of ").append(Html.escape(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))).append(" &middot; <a href=\"")
                .append(Html.escape(ctx.action())).append("/data.json\">JSON</a></p>");
        ctx.storage().ifPresent(u -> storage(out, u));
        BackendCell.summary(out, ctx.backends());
        if (rows.isEmpty()) {
            out.append("<p class=\"archivist-empty\">No community is configured (factory configuration ")
                    .append("org.archivist.scheduler.community).</p></div>");
            return out.toString();
        }
        Timeline axis = Timeline.axis(rows, now);
        out.append(Timeline.defs());
        out.append("<table class=\"nicetable archivist-communities\"><thead><tr>")
                .append("<th>Community</th><th>Role</th><th>Backends</th><th>Archives</th><th>Last archive end</th>")
                .append("<th>Runs</th>")
                .append("<th>Imported</th><th>Links</th><th>State</th><th>Actions</th>")
                .append("</tr></thead><tbody>");
        for (CommunityRow r : rows) {
            row(out, r, axis, ctx);
        }
        out.append("</tbody></table>");
        out.append("<p class=\"legend\">Timeline from ").append(Html.escape(Instant.ofEpochSecond(axis.start())))
                .append(" to now, one bar per archive (hover for id, size, messages): ")
                .append("<span class=\"sw storage-bittorrent\"></span>BitTorrent ")
                .append("<span class=\"sw storage-codex\"></span>Codex <span class=\"sw storage-both\"></span>both ")
                .append("<span class=\"sw unverified\"></span>hatched: not verified yet ")
                .append("<span class=\"sw gap\"></span>no archive (between archives: a week without messages, or")
                .append(" missing; at the end: not archived yet).</p>");
        if (rows.stream().anyMatch(CommunityRow::memberView)) {
            out.append("<p class=\"legend legend-member\">A member's archives (the newest index it knows): ")
                    .append("<span class=\"sw held\"></span>held ")
                    .append("<span class=\"sw missing\"></span>missing (not fetched yet) ")
                    .append("<span class=\"sw outside\"></span>outside its history window (not fetched).</p>");
        }
        out.append(REFRESH);
        return out.append("</div>").toString();
    }

    private static void confirmation(StringBuilder out, Actions.Confirmation c, Context ctx) {
        Actions.PendingMigration p = c.migration();
        String id = Html.escape(p.community().hex());
        out.append("<div class=\"archivist-confirm\" role=\"alertdialog\"><p><strong>Migrate ").append(id)
                .append(" from ").append(Html.escape(p.source())).append(" to ").append(Html.escape(p.target()))
                .append("?</strong> ").append(Html.escape(p.plan())).append(". Every archive is uploaded, verified and")
                .append(" journaled; an interrupted migration resumes where it stopped.</p>");
        out.append(form(ctx, Actions.CONFIRM_MIGRATION, id, "confirm-migration", "Start migration",
                "<input type=\"hidden\" name=\"confirmation\" value=\"" + Html.escape(c.token()) + "\"/>"));
        out.append(" <a class=\"cancel\" href=\"").append(Html.escape(ctx.action())).append("\">Cancel</a></div>");
    }

    private static void row(StringBuilder out, CommunityRow r, Timeline axis, Context ctx) {
        var s = r.status();
        String id = Html.escape(s.community().hex());
        out.append("<tr class=\"community\" data-community=\"").append(id).append("\">");
        out.append("<td class=\"id\" data-label=\"Community\"><code>").append(id).append("</code></td>");
        out.append("<td class=\"role\" data-label=\"Role\">").append(r.role()).append("</td>");
        out.append("<td class=\"backends\" data-label=\"Backends\">");
        if (r.nodes().isEmpty()) {
            out.append(Html.escape(String.join(", ", new TreeSet<>(s.backends()))));
        } else {
            r.nodes().forEach(n -> BackendCell.node(out, n));
        }
        out.append("</td>");
        // an owner's listed archives when there is a list (the same partitions the status counts)
        out.append("<td class=\"archives\" data-label=\"Archives\">");
        if (r.memberView()) {
            memberArchives(out, r);
        } else {
            out.append(r.archives().isEmpty() ? s.archives() : r.archives().size());
            if (!r.archives().isEmpty()) {
                out.append(" <span class=\"detail\">(").append(Html.escape(Sizes.bytes(r.knownBytes()))).append(", ")
                        .append(r.verifiedCount()).append(" verified)</span>");
            }
        }
        Activity.Snapshot a = r.activity();
        if (a.bytesStored() > 0) {
            out.append("<div class=\"detail bytes-stored\">").append(Html.escape(Sizes.bytes(a.bytesStored())))
                    .append(" published since the console started</div>");
        }
        if (a.bytesFetched() > 0) {
            out.append("<div class=\"detail bytes-fetched\">").append(Html.escape(Sizes.bytes(a.bytesFetched())))
                    .append(" fetched since the console started</div>");
        }
        out.append("</td><td class=\"last-end\" data-label=\"Last archive end\">");
        if (s.lastArchiveEnd().isPresent()) {
            String t = Html.escape(Instant.ofEpochSecond(s.lastArchiveEnd().getAsLong()));
            out.append("<time datetime=\"").append(t).append("\">").append(t).append("</time>");
        } else {
            out.append("&ndash;");
        }
        out.append("</td><td class=\"runs\" data-label=\"Runs\">");
        runs(out, s.nextRun(), a.lastRun());
        out.append("</td><td class=\"imported\" data-label=\"Imported\">").append(s.imported()).append("</td>");
        out.append("<td class=\"links\" data-label=\"Links\">");
        for (String link : s.links()) {
            // readonly inputs: the whole link is selectable and copyable, however long
            out.append("<input class=\"link\" type=\"text\" readonly value=\"").append(Html.escape(link))
                    .append("\" onfocus=\"this.select()\" aria-label=\"link\"/>");
        }
        for (Map.Entry<String, Long> c : r.linkClocks().entrySet()) {
            out.append("<div class=\"clock\">").append(Html.escape(c.getKey())).append(" clock ")
                    .append(c.getValue()).append("</div>");
        }
        out.append("</td><td class=\"state\" data-label=\"State\">");
        state(out, r);
        out.append("</td><td class=\"action\" data-label=\"Actions\">");
        if (s.controlNode()) {
            if (!r.running()) {
                out.append(form(ctx, Actions.ARCHIVE, id, "archive-now", "Archive now", ""));
            }
            out.append(form(ctx, Actions.VERIFY, id, "verify", "Verify", ""));
            boolean running = r.migration().map(m -> m.phase() == MigrationState.Phase.RUNNING).orElse(false);
            if (r.running()) {
                out.append("<span class=\"detail archiving-note\">archive run in progress</span> ");
            }
            if (ctx.migrations() && s.backends().contains(Actions.SOURCE) && !running) {
                boolean resume = r.migration().map(m -> m.phase() == MigrationState.Phase.FAILED).orElse(false);
                out.append(form(ctx, Actions.MIGRATE, id, "migrate", resume ? "Resume migration to Codex…"
                        : "Migrate to Codex…", ""));
            }
        }
        out.append("</td></tr>");
        out.append("<tr class=\"timeline\" data-community=\"").append(id).append("\"><td colspan=\"10\">")
                .append(axis.svg(r)).append("</td></tr>");
    }

    /** A member's archives: held of listed, and how many are missing or left outside its window. */
    private static void memberArchives(StringBuilder out, CommunityRow r) {
        var by = r.byAvailability();
        long held = by.getOrDefault(org.archivist.api.service.ArchiveSummary.Availability.HELD, 0L);
        out.append(held).append(" held <span class=\"detail\">of ").append(r.archives().size()).append(" listed (")
                .append(Html.escape(Sizes.bytes(r.knownBytes()))).append(" held");
        for (var e : by.entrySet()) {
            if (e.getKey() != org.archivist.api.service.ArchiveSummary.Availability.HELD) {
                out.append(", ").append(e.getValue()).append(' ').append(Availabilities.label(e.getKey()));
            }
        }
        out.append(")</span>");
    }

    private static void runs(StringBuilder out, Optional<Instant> next, Optional<Instant> last) {
        out.append("<div class=\"next-run\">next ");
        time(out, next);
        out.append("</div><div class=\"last-run detail\">last ");
        time(out, last);
        out.append("</div>");
    }

    private static void time(StringBuilder out, Optional<Instant> at) {
        if (at.isEmpty()) {
            out.append("&ndash;");
            return;
        }
        String t = Html.escape(at.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        out.append("<time datetime=\"").append(t).append("\">").append(t).append("</time>");
    }

    private static void state(StringBuilder out, CommunityRow r) {
        var s = r.status();
        if (s.paused()) {
            out.append("<div class=\"paused\">paused: ").append(Html.escape(String.join(", ",
                    new TreeSet<>(s.unavailableBackends())))).append(" unavailable</div>");
        } else if (r.running()) {
            out.append("<div class=\"archiving\" role=\"status\">archiving now&hellip;</div>");
        } else {
            out.append("<div class=\"ok\">running</div>");
        }
        r.runOutcome().ifPresent(o -> {
            out.append("<div class=\"run-outcome ").append(o.ok() ? "run-ok" : "run-failed error").append("\">")
                    .append(Html.escape(o.text())).append(" at ");
            time(out, Optional.of(o.at()));
            out.append(" <span class=\"detail\">(").append(Html.escape(o.took().toMillis() < 1000 ? "under 1 s"
                    : o.took().toSeconds() + " s")).append(", started from this page)</span></div>");
        });
        r.migration().ifPresent(m -> {
            out.append("<div class=\"migration migration-").append(m.phase().name().toLowerCase(java.util.Locale.ROOT))
                    .append("\">migration ").append(Html.escape(m.source())).append(" &rarr; ")
                    .append(Html.escape(m.target())).append(": ").append(m.phase().name().toLowerCase(java.util.Locale.ROOT));
            if (m.phase() == MigrationState.Phase.RUNNING) {
                out.append(" <progress max=\"100\" value=\"").append(m.percent()).append("\">").append(m.percent())
                        .append("%</progress> ").append(m.percent()).append('%');
            }
            out.append("<div class=\"detail\">").append(Html.escape(m.text())).append("</div></div>");
        });
        Activity.Snapshot a = r.activity();
        if (a.failures() > 0) {
            out.append("<div class=\"failures\">").append(a.failures()).append(a.failures() == 1 ? " failure" : " failures")
                    .append(" since the console started</div>");
            out.append("<div class=\"last-error error\">last error ");
            time(out, a.lastErrorAt());
            out.append(": ").append(Html.escape(a.lastError().orElse(""))).append("</div>");
        }
        r.clockError().ifPresent(e -> out.append("<div class=\"error\">").append(Html.escape(e)).append("</div>"));
        r.archivesError().ifPresent(e -> out.append("<div class=\"error\">").append(Html.escape(e)).append("</div>"));
    }

    private static String form(Context ctx, String action, String escapedId, String cls, String label, String extra) {
        return "<form method=\"post\" action=\"" + Html.escape(ctx.action()) + "\">"
                + "<input type=\"hidden\" name=\"action\" value=\"" + action + "\"/>"
                + "<input type=\"hidden\" name=\"community\" value=\"" + escapedId + "\"/>"
                + "<input type=\"hidden\" name=\"" + CsrfGuard.PARAMETER + "\" value=\"" + Html.escape(ctx.csrfToken())
                + "\"/>" + extra + "<button type=\"submit\" class=\"" + cls + "\">" + Html.escape(label)
                + "</button></form>";
    }

    /**
     * The console's frame has no viewport meta, so a phone lays it out 980 px wide and shrinks it; this adds one
     * (browsers apply a viewport meta inserted later), so that the cards below 700 px apply.
     */
    private static final String VIEWPORT = "<script>(function(){if(!document.querySelector('meta[name=viewport]')){"
            + "var m=document.createElement('meta');m.name='viewport';m.content='width=device-width, initial-scale=1';"
            + "document.head.appendChild(m);}})();</script>";

    /**
     * Keeps the page current without a reload loop: it polls the JSON (every 2 s while an archive run or a migration
     * is going on, every 30 s otherwise) and reloads the page, without the one-time outcome, once what the rows
     * show changed (a run ended, a new archive, a migration's progress) or nothing runs any more. Not while a
     * migration waits for the operator's confirmation.
     */
    private static final String REFRESH = "<script>(function(){var root=document.getElementById('archivist');"
            + "if(!root||!window.fetch||document.querySelector('#archivist .archivist-confirm'))return;"
            + "var busy=root.getAttribute('data-busy')==='true',url=root.getAttribute('data-json'),first=null;"
            + "function running(c){return c.running||(c.migration&&c.migration.phase==='running');}"
            + "function sig(d){return JSON.stringify(d.communities.map(function(c){return [c.community,c.running,"
            + "c.archiveList.length,c.lastArchiveEnd,c.failures,c.paused,c.migration?[c.migration.phase,"
            + "c.migration.percent,c.migration.archive]:null];}));}"
            + "function later(){setTimeout(poll,busy?2000:30000);}"
            + "function poll(){fetch(url,{credentials:'same-origin',cache:'no-store'}).then(function(r){"
            + "return r.ok?r.json():null;}).then(function(d){if(d){var s=sig(d);if(first===null)first=s;"
            + "if(s!==first||(busy&&!d.communities.some(running))){location.replace(location.pathname);return;}}"
            + "later();}).catch(later);}"
            + "later();})();</script>";

    private static final String STYLE = "<style>"
            + "#archivist{max-width:100%}"
            + "#archivist table.archivist-communities{width:100%;border-collapse:collapse;table-layout:auto}"
            + "#archivist table.archivist-communities td{vertical-align:top}"
            + "#archivist tr.timeline td{padding-top:0;border-top:none}"
            + "#archivist .links input.link{width:100%;min-width:12em;font-family:monospace;font-size:11px;box-sizing:border-box}"
            + "#archivist td.id code{word-break:break-all;font-size:11px}"
            + "#archivist .detail{color:#666;font-size:11px}"
            + "#archivist form{display:inline-block;margin:0 4px 4px 0}"
            + "#archivist svg.archivist-timeline{height:34px;display:block}"
            + "#archivist .axis{stroke:#999;stroke-width:1}"
            + "#archivist rect.archive-bar{stroke:#fff;stroke-width:0.5}"
            + "#archivist rect.gap,#archivist .sw.gap{fill:none;stroke:#c33;stroke-dasharray:4 3;border:1px dashed #c33}"
            + "#archivist .sw{display:inline-block;width:14px;height:10px;margin:0 4px;vertical-align:middle}"
            + "#archivist .sw.storage-bittorrent{background:#3b7dd8}#archivist .sw.storage-codex{background:#2e9e6b}"
            + "#archivist .sw.storage-both{background:#7a52c7}"
            + "#archivist .sw.unverified{background:repeating-linear-gradient(45deg,#7a52c7 0 3px,#d8cdef 3px 6px)}"
            + "#archivist .archivist-message{font-weight:bold}#archivist .archivist-down,#archivist .error,"
            + "#archivist .paused,#archivist .migration-failed{color:#c33}"
            + "#archivist .archivist-confirm{border:2px solid #c90;padding:8px;margin:8px 0;background:#fff8e5}"
            + "#archivist .sw.held{background:#3b7dd8}#archivist .sw.missing{background:#fff;border:1.5px solid #3b7dd8;"
            + "box-sizing:border-box}"
            + "#archivist .sw.outside{background:repeating-linear-gradient(-45deg,rgba(59,125,216,.45) 0 2px,"
            + "rgba(59,125,216,.08) 2px 6px)}"
            + "#archivist .archiving{color:#a60;font-weight:bold}"
            + "#archivist .node{margin-bottom:4px}#archivist .node-state{font-size:10px;padding:0 4px;border-radius:3px;"
            + "color:#fff;background:#888}#archivist .node-state.state-up{background:#2e8540}"
            + "#archivist .node-state.state-down{background:#c33}#archivist .node-state.state-starting{background:#c90}"
            + "#archivist meter.quota{width:6em;vertical-align:middle}"
            + "#archivist .backends-state{margin:4px 0 8px}"
            + "#archivist .backends-state div.node{display:inline-block;vertical-align:top;margin-right:16px}"
            + "@media (max-width:700px){"
            + "#archivist table.archivist-communities thead{display:none}"
            + "#archivist table.archivist-communities tr,#archivist table.archivist-communities td{display:block;width:auto}"
            + "#archivist table.archivist-communities tr.community{border-top:2px solid #999;margin-top:8px}"
            + "#archivist table.archivist-communities td[data-label]::before{content:attr(data-label)\": \";font-weight:bold}"
            + "#archivist .links input.link{min-width:0}"
            + "}"
            + "</style>";
}
