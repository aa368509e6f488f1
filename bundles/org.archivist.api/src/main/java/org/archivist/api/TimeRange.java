package org.archivist.api;

/** A half-open interval {@code [from, to)} in Unix seconds, as archive metadata carries it. */
public record TimeRange(long from, long to) {
    public TimeRange {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a time range needs 0 <= from < to, got [" + from + ", " + to + ")");
        }
    }

    public static TimeRange of(long from, long to) {
        return new TimeRange(from, to);
    }

    public boolean contains(long timestamp) {
        return timestamp >= from && timestamp < to;
    }

    public long seconds() {
        return to - from;
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
