package org.archivist.commands.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.archivist.api.TimeRange;

/** Parses the {@code --from}/{@code --to} of a command into a {@link TimeRange}, or says clearly why not. */
final class TimeArguments {
    private TimeArguments() {
    }

    /**
     * The range {@code [from, to)}: each an ISO instant ({@code 2026-01-01T12:00:00Z}), a date ({@code 2026-01-01},
     * midnight UTC) or Unix seconds; a missing {@code from} is the beginning, a missing {@code to} is {@code now}.
     *
     * @throws IllegalArgumentException when a time cannot be read or {@code to} is not after {@code from}
     */
    static TimeRange range(String from, String to, Instant now) {
        long f = from == null ? 0 : seconds("--from", from);
        long t = to == null ? now.getEpochSecond() + 1 : seconds("--to", to);
        if (t <= f) {
            throw new IllegalArgumentException("--to (" + Instant.ofEpochSecond(t) + ") must be after --from ("
                    + Instant.ofEpochSecond(f) + ")");
        }
        return TimeRange.of(f, t);
    }

    static long seconds(String option, String value) {
        String v = value.trim();
        try {
            if (v.matches("\\d+")) {
                return Long.parseLong(v);
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            }
            long s = Instant.parse(v).getEpochSecond();
            if (s < 0) {
                throw new IllegalArgumentException(option + " cannot be before 1970: '" + value + "'");
            }
            return s;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes an ISO instant (2026-01-01T12:00:00Z), a date"
                    + " (2026-01-01, UTC) or Unix seconds, got '" + value + "'", e);
        }
    }
}
