package org.archivist.core.owner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;

/** The time ranges the committed archives cover, merged, for "is this already archived?" in O(log n). */
final class ArchivedRanges {
    private final long[] from;
    private final long[] to;

    private ArchivedRanges(long[] from, long[] to) {
        this.from = from;
        this.to = to;
    }

    static ArchivedRanges of(List<IndexEntry> entries) {
        List<TimeRange> sorted = new ArrayList<>(entries.stream().map(IndexEntry::range).toList());
        sorted.sort(Comparator.comparingLong(TimeRange::from));
        List<long[]> merged = new ArrayList<>();
        for (TimeRange r : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.from() <= last[1]) {
                last[1] = Math.max(last[1], r.to());
            } else {
                merged.add(new long[] {r.from(), r.to()});
            }
        }
        long[] f = new long[merged.size()];
        long[] t = new long[merged.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = merged.get(i)[0];
            t[i] = merged.get(i)[1];
        }
        return new ArchivedRanges(f, t);
    }

    /** Whether an archive's {@code [from, to)} holds {@code timestamp}. */
    boolean contains(long timestamp) {
        int i = lastStartingAtOrBefore(timestamp);
        return i >= 0 && timestamp < to[i];
    }

    /** Whether archives cover all of {@code range}. */
    boolean covers(TimeRange range) {
        int i = lastStartingAtOrBefore(range.from());
        return i >= 0 && range.to() <= to[i];
    }

    private int lastStartingAtOrBefore(long t) {
        int lo = 0;
        int hi = from.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (from[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
