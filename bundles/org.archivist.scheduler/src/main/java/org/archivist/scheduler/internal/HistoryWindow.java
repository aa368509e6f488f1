package org.archivist.scheduler.internal;

import java.util.List;

import org.archivist.api.TimeRange;

/**
 * Which archives a member fetches: with no history window, every archive; with one, those whose range reaches into
 * {@code [now - window, now)} (an archive ending after {@code now - window}), plus those overlapping a range asked
 * for on demand. Everything else is left out: listed, not fetched.
 */
final class HistoryWindow {
    private final long windowStart;
    private final boolean everything;
    private final List<TimeRange> requested;

    private HistoryWindow(boolean everything, long windowStart, List<TimeRange> requested) {
        this.everything = everything;
        this.windowStart = windowStart;
        this.requested = requested;
    }

    /** The member's selection now: its settings' window, at {@code nowSeconds}, and its requested ranges. */
    static HistoryWindow of(ArchiveSettings settings, long nowSeconds, List<TimeRange> requested) {
        return new HistoryWindow(!settings.windowed(), nowSeconds - settings.historyWindow().getSeconds(),
                List.copyOf(requested));
    }

    /** Whether the archive of {@code range} is to be fetched. */
    boolean wants(TimeRange range) {
        if (everything || range.to() > windowStart) {
            return true;
        }
        for (TimeRange r : requested) {
            if (RequestedRanges.overlap(r, range)) {
                return true;
            }
        }
        return false;
    }
}
