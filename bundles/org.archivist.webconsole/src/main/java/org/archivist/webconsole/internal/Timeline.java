package org.archivist.webconsole.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A server-side SVG timeline of one community on an axis shared by every community.
 *
 * <p>The api's {@code CommunityArchiveStatus} carries no per-archive {@code [from, to)} ranges, only the end of
 * the last archive and the archive count; so the timeline draws one bar for the covered span, from the axis start
 * (the history's start is not known here; the bar's left edge fades to say so) to {@code lastArchiveEnd}, and a
 * dashed gap from there to now: what is not archived yet.
 */
final class Timeline {
    static final int WIDTH = 720;
    static final int HEIGHT = 34;
    private static final int BAR_Y = 6;
    private static final int BAR_H = 16;
    /** Axis margin before the earliest archive end, so that a covered span is visible as a bar. */
    static final Duration LEAD = Duration.ofDays(28);

    private final long axisStart;
    private final long axisEnd;

    private Timeline(long axisStart, long axisEnd) {
        this.axisStart = axisStart;
        this.axisEnd = Math.max(axisEnd, axisStart + 1);
    }

    /** The shared axis: from {@link #LEAD} before the earliest archive end (or before now) to now, in seconds. */
    static Timeline axis(List<CommunityRow> rows, Instant now) {
        long end = now.getEpochSecond();
        long earliest = end;
        for (CommunityRow r : rows) {
            if (r.status().lastArchiveEnd().isPresent()) {
                earliest = Math.min(earliest, r.status().lastArchiveEnd().getAsLong());
            }
        }
        return new Timeline(earliest - LEAD.toSeconds(), end);
    }

    long start() {
        return axisStart;
    }

    long end() {
        return axisEnd;
    }

    private double x(long seconds) {
        long clamped = Math.max(axisStart, Math.min(axisEnd, seconds));
        return Math.round((clamped - axisStart) * 10_000.0 * WIDTH / (axisEnd - axisStart)) / 10_000.0;
    }

    String svg(CommunityRow row) {
        var s = row.status();
        String id = Html.escape(s.community().hex());
        StringBuilder out = new StringBuilder(512);
        out.append("<svg class=\"archivist-timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" preserveAspectRatio=\"none\" role=\"img\" ")
                .append("data-community=\"").append(id).append("\" data-axis-from=\"").append(axisStart)
                .append("\" data-axis-to=\"").append(axisEnd).append("\">");
        out.append("<title>").append(id).append(": archives over time</title>");
        out.append("<line x1=\"0\" y1=\"").append(BAR_Y + BAR_H + 4).append("\" x2=\"").append(WIDTH).append("\" y2=\"")
                .append(BAR_Y + BAR_H + 4).append("\" class=\"axis\"/>");
        long now = axisEnd;
        if (s.lastArchiveEnd().isPresent() && s.archives() > 0) {
            long to = s.lastArchiveEnd().getAsLong();
            double x2 = x(to);
            String storage = Html.escape(row.storage());
            out.append("<rect class=\"archive-bar storage-").append(storage).append("\" x=\"0\" y=\"").append(BAR_Y)
                    .append("\" width=\"").append(x2).append("\" height=\"").append(BAR_H)
                    .append("\" fill=\"").append(fill(row.storage())).append("\" data-to=\"").append(to)
                    .append("\" data-archives=\"").append(s.archives()).append("\">")
                    .append("<title>").append(s.archives()).append(" archive(s) on ").append(storage)
                    .append(", up to ").append(Html.escape(Instant.ofEpochSecond(to)))
                    .append(" (per-archive ranges not reported)</title></rect>");
            if (to < now) {
                out.append(gap(x2, WIDTH, "not archived yet: " + Instant.ofEpochSecond(to) + " to now"));
            }
        } else {
            out.append(gap(0, WIDTH, "nothing archived yet"));
        }
        return out.append("</svg>").toString();
    }

    private static String fill(String storage) {
        return switch (storage) {
            case "bittorrent", "codex", "both" -> "url(#fade-" + storage + ")";
            default -> "#888888";
        };
    }

    private static String gap(double x1, double x2, String what) {
        return "<rect class=\"gap\" x=\"" + x1 + "\" y=\"" + BAR_Y + "\" width=\"" + Math.max(0, x2 - x1) + "\" height=\""
                + BAR_H + "\"><title>" + Html.escape(what) + "</title></rect>";
    }

    /** The gradients bars refer to, once per page: the left edge fades, the history's start being unknown. */
    static String defs() {
        StringBuilder out = new StringBuilder("<svg width=\"0\" height=\"0\" style=\"position:absolute\"><defs>");
        for (String[] c : new String[][] {{"bittorrent", "#3b7dd8"}, {"codex", "#2e9e6b"}, {"both", "#7a52c7"}}) {
            out.append("<linearGradient id=\"fade-").append(c[0]).append("\"><stop offset=\"0\" stop-color=\"")
                    .append(c[1]).append("\" stop-opacity=\"0.15\"/><stop offset=\"0.2\" stop-color=\"").append(c[1])
                    .append("\"/></linearGradient>");
        }
        return out.append("</defs></svg>").toString();
    }
}
