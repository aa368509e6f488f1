package org.archivist.commands.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** How the commands print times. */
final class TimeFormat {
    private TimeFormat() {
    }

    /** An archive end (Unix seconds) as an ISO instant, or a dash. */
    static String seconds(OptionalLong unixSeconds) {
        return unixSeconds.isPresent() ? Instant.ofEpochSecond(unixSeconds.getAsLong()).toString() : "-";
    }

    /** An instant in ISO form (whole seconds), or a dash. */
    static String instant(Optional<Instant> at) {
        return at.map(i -> i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).orElse("-");
    }
}
