package org.archivist.scheduler.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.archivist.api.TimeRange;

/**
 * The time ranges a member asked for beyond its history window, kept merged (overlapping or touching ranges become
 * one) so that repeated requests do not grow the state; stored as {@code from-to,from-to}.
 */
final class RequestedRanges {
    private RequestedRanges() {
    }

    /** {@code ranges} with {@code added}, merged, in ascending {@code from}. */
    static List<TimeRange> merge(List<TimeRange> ranges, TimeRange added) {
        List<TimeRange> all = new ArrayList<>(ranges);
        all.add(added);
        all.sort(Comparator.comparingLong(TimeRange::from));
        List<TimeRange> merged = new ArrayList<>();
        for (TimeRange r : all) {
            TimeRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.from() <= last.to()) {
                merged.set(merged.size() - 1, TimeRange.of(last.from(), Math.max(last.to(), r.to())));
            } else {
                merged.add(r);
            }
        }
        return List.copyOf(merged);
    }

    static String format(List<TimeRange> ranges) {
        StringBuilder s = new StringBuilder();
        for (TimeRange r : ranges) {
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(r.from()).append('-').append(r.to());
        }
        return s.toString();
    }

    /** The stored ranges; a part that cannot be read is skipped (it was written by this class). */
    static List<TimeRange> parse(String stored) {
        List<TimeRange> out = new ArrayList<>();
        for (String part : stored.split(",")) {
            int dash = part.indexOf('-');
            if (dash <= 0) {
                continue;
            }
            try {
                out.add(TimeRange.of(Long.parseLong(part.substring(0, dash)), Long.parseLong(part.substring(dash + 1))));
            } catch (IllegalArgumentException e) {
                // skipped: see above
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code a} and {@code b} share at least one second. */
    static boolean overlap(TimeRange a, TimeRange b) {
        return a.from() < b.to() && b.from() < a.to();
    }
}
