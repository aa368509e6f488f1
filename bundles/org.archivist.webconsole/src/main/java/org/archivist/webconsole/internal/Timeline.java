package org.archivist.webconsole.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.archivist.api.service.ArchiveSummary;

/**
 * A server-side SVG timeline of one community on an axis shared by every community: every archive a bar over its
 * {@code [from, to)}, coloured by where it is stored (BitTorrent, Codex, both; hatched until a check verified it),
 * its {@code <title>} (the tooltip) saying id, size and message count; a dashed gap wherever no archive covers
 * the time between two archives (status-go skips partitions without messages) and from the last archive to now
 * (not archived yet). A community whose archives are not listed (a member) shows its covered span as one faded
 * bar up to the end of its last archive, as the status reports it. A member's listed archives are styled by what it
 * has of them: held solid, missing hollow, outside its history window faded.
 */
final class Timeline {
    static final int WIDTH = 720;
    static final int HEIGHT = 34;
    private static final int BAR_Y = 6;
    private static final int BAR_H = 16;
    /** Axis margin before the earliest archive end when no archive is listed, so that a span is visible. */
    static final Duration LEAD = Duration.ofDays(28);

    private final long axisStart;
    private final long axisEnd;

    private Timeline(long axisStart, long axisEnd) {
        this.axisStart = axisStart;
        this.axisEnd = Math.max(axisEnd, axisStart + 1);
    }

    /**
     * The shared axis, in seconds: from the earliest archive start of any row (or {@link #LEAD} before the earliest
     * last-archive end of a row without listed archives, or before now) to now.
     */
    static Timeline axis(List<CommunityRow> rows, Instant now) {
        long end = now.getEpochSecond();
        long earliest = end - LEAD.toSeconds();
        for (CommunityRow r : rows) {
            if (!r.archives().isEmpty()) {
                earliest = Math.min(earliest, r.archives().get(0).range().from());
            } else if (r.status().lastArchiveEnd().isPresent()) {
                earliest = Math.min(earliest, r.status().lastArchiveEnd().getAsLong() - LEAD.toSeconds());
            }
        }
        return new Timeline(earliest, end);
    }

    long start() {
        return axisStart;
    }

    long end() {
        return axisEnd;
    }

    double x(long seconds) {
        long clamped = Math.max(axisStart, Math.min(axisEnd, seconds));
        return Math.round((clamped - axisStart) * 10_000.0 * WIDTH / (axisEnd - axisStart)) / 10_000.0;
    }

    String svg(CommunityRow row) {
        var s = row.status();
        String id = Html.escape(s.community().hex());
        StringBuilder out = new StringBuilder(256 + 320 * row.archives().size());
        out.append("<svg class=\"archivist-timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" preserveAspectRatio=\"none\" role=\"img\" ")
                .append("data-community=\"").append(id).append("\" data-axis-from=\"").append(axisStart)
                .append("\" data-axis-to=\"").append(axisEnd).append("\">");
        out.append("<title>").append(id).append(": ").append(row.archives().size()).append(" archive(s) over time</title>");
        out.append("<line x1=\"0\" y1=\"").append(BAR_Y + BAR_H + 4).append("\" x2=\"").append(WIDTH).append("\" y2=\"")
                .append(BAR_Y + BAR_H + 4).append("\" class=\"axis\"/>");
        if (!row.archives().isEmpty()) {
            archives(out, row.archives());
        } else if (s.lastArchiveEnd().isPresent() && s.archives() > 0) {
            span(out, row, s.lastArchiveEnd().getAsLong());
        } else {
            out.append(gap("gap", 0, WIDTH, "nothing archived yet"));
        }
        return out.append("</svg>").toString();
    }

    private void archives(StringBuilder out, List<ArchiveSummary> archives) {
        long previousEnd = -1;
        for (ArchiveSummary a : archives) {
            if (previousEnd >= 0 && a.range().from() > previousEnd) {
                out.append(gap("gap gap-between", x(previousEnd), x(a.range().from()), "no archive from "
                        + Instant.ofEpochSecond(previousEnd) + " to " + Instant.ofEpochSecond(a.range().from())
                        + " (no messages, or not archived)"));
            }
            previousEnd = Math.max(previousEnd, a.range().to());
            bar(out, a);
        }
        if (previousEnd < axisEnd) {
            out.append(gap("gap", x(previousEnd), WIDTH, "not archived yet: " + Instant.ofEpochSecond(previousEnd)
                    + " to now"));
        }
    }

    private void bar(StringBuilder out, ArchiveSummary a) {
        String storage = Storage.of(a.storedOn());
        double x1 = x(a.range().from());
        // at least a hairline, so that a short archive on a long axis is still there to hover
        double w = Math.max(0.75, x(a.range().to()) - x1);
        String verified = a.verified() ? "verified" : "unverified";
        String availability = Availabilities.name(a.availability());
        out.append("<rect class=\"archive-bar storage-").append(Html.escape(storage)).append(' ').append(verified)
                .append(" availability-").append(availability)
                .append("\" x=\"").append(x1).append("\" y=\"").append(BAR_Y).append("\" width=\"")
                .append(Math.round(w * 10_000.0) / 10_000.0).append("\" height=\"").append(BAR_H).append("\" ")
                .append(paint(a, storage))
                .append(" data-id=\"").append(Html.escape(a.id())).append("\" data-from=\"").append(a.range().from())
                .append("\" data-to=\"").append(a.range().to()).append("\" data-bytes=\"")
                .append(a.bytes().isPresent() ? Long.toString(a.bytes().getAsLong()) : "")
                .append("\" data-messages=\"").append(a.messages().isPresent() ? Integer.toString(a.messages().getAsInt()) : "")
                .append("\" data-stored-on=\"").append(Html.escape(String.join(",", new java.util.TreeSet<>(a.storedOn()))))
                .append("\" data-availability=\"").append(availability)
                .append("\"><title>").append(Html.escape(tooltip(a, storage))).append("</title></rect>");
    }

    /**
     * How a bar is painted: the owner's copy solid once verified, hatched until then; a member's held archive solid,
     * a missing one hollow (outlined in its storage colour), one outside its history window faded and hatched.
     */
    private static String paint(ArchiveSummary a, String storage) {
        String c = Storage.colour(storage);
        String s = Html.escape(storage);
        return switch (a.availability()) {
            case PUBLISHED -> "fill=\"" + (a.verified() ? c : "url(#hatch-" + s + ")") + "\"";
            case HELD -> "fill=\"" + c + "\"";
            case MISSING -> "fill=\"#ffffff\" style=\"stroke:" + c + ";stroke-width:1.5\" vector-effect=\"non-scaling-stroke\"";
            case OUTSIDE_WINDOW -> "fill=\"url(#outside-" + s + ")\"";
        };
    }

    static String tooltip(ArchiveSummary a, String storage) {
        String state = switch (a.availability()) {
            case PUBLISHED -> a.verified() ? "verified" : "not verified";
            case HELD -> "held";
            case MISSING -> "missing: not fetched yet";
            case OUTSIDE_WINDOW -> "outside the history window: not fetched";
        };
        return a.id() + "\n" + Instant.ofEpochSecond(a.range().from()) + " to " + Instant.ofEpochSecond(a.range().to())
                + "\nsize " + (a.bytes().isPresent() ? Sizes.bytes(a.bytes().getAsLong()) : "unknown") + ", "
                + (a.messages().isPresent() ? a.messages().getAsInt() + " message(s)" : "messages not counted yet")
                + "\non " + storage + ", " + state;
    }

    /** A member's (or an older service's) view: the covered span up to the last archive end, left edge faded. */
    private void span(StringBuilder out, CommunityRow row, long to) {
        double x2 = x(to);
        String storage = Html.escape(row.storage());
        out.append("<rect class=\"archive-span storage-").append(storage).append("\" x=\"0\" y=\"").append(BAR_Y)
                .append("\" width=\"").append(x2).append("\" height=\"").append(BAR_H).append("\" fill=\"url(#fade-")
                .append(storage).append(")\" data-to=\"").append(to).append("\" data-archives=\"")
                .append(row.status().archives()).append("\"><title>").append(row.status().archives())
                .append(" archive(s) on ").append(storage).append(", up to ").append(Html.escape(Instant.ofEpochSecond(to)))
                .append(" (single archives are not listed for this community)</title></rect>");
        if (to < axisEnd) {
            out.append(gap("gap", x2, WIDTH, "not archived yet: " + Instant.ofEpochSecond(to) + " to now"));
        }
    }

    private static String gap(String cls, double x1, double x2, String what) {
        return "<rect class=\"" + cls + "\" x=\"" + x1 + "\" y=\"" + BAR_Y + "\" width=\""
                + Math.round(Math.max(0, x2 - x1) * 10_000.0) / 10_000.0 + "\" height=\"" + BAR_H + "\"><title>"
                + Html.escape(what) + "</title></rect>";
    }

    /** The gradients and hatches bars refer to, once per page. */
    static String defs() {
        StringBuilder out = new StringBuilder("<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>");
        for (String storage : List.of(Storage.BITTORRENT, Storage.CODEX, Storage.BOTH)) {
            String c = Storage.colour(storage);
            out.append("<linearGradient id=\"fade-").append(storage).append("\"><stop offset=\"0\" stop-color=\"")
                    .append(c).append("\" stop-opacity=\"0.15\"/><stop offset=\"0.2\" stop-color=\"").append(c)
                    .append("\"/></linearGradient>");
            out.append("<pattern id=\"hatch-").append(storage).append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"")
                    .append(" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"").append(c)
                    .append("\" fill-opacity=\"0.35\"/><rect width=\"3\" height=\"6\" fill=\"").append(c)
                    .append("\"/></pattern>");
            out.append("<pattern id=\"outside-").append(storage).append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"")
                    .append(" patternTransform=\"rotate(-45)\"><rect width=\"6\" height=\"6\" fill=\"").append(c)
                    .append("\" fill-opacity=\"0.08\"/><rect width=\"1.5\" height=\"6\" fill=\"").append(c)
                    .append("\" fill-opacity=\"0.45\"/></pattern>");
        }
        return out.append("</defs></svg>").toString();
    }
}
