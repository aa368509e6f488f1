package org.archivist.commands.internal;

import java.time.Instant;
import java.util.OptionalLong;

/** How the commands print times. */
final class TimeFormat {
    private TimeFormat() {
    }

    /** An archive end (Unix seconds) as an ISO instant, or a dash. */
    static String seconds(OptionalLong unixSeconds) {
        return unixSeconds.isPresent() ? Instant.ofEpochSecond(unixSeconds.getAsLong()).toString() : "-";
    }
}
