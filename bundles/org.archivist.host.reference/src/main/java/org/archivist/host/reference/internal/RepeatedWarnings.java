package org.archivist.host.reference.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs the first warning of a kind from a source at once and counts the repeats; the next warning of that
 * kind and source after the window says how many came ({@code "N oversized frames from X in the last
 * minute"}) instead of one line each. A flood of bad frames thus writes a line a minute, not thousands.
 */
final class RepeatedWarnings {
    static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_KEYS = 1024;

    private final Consumer<String> log;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new HashMap<>();

    RepeatedWarnings(Logger log) {
        this(log::warn, System::nanoTime);
    }

    RepeatedWarnings(Consumer<String> log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
    }

    private static final class Window {
        long start;
        long suppressed;
    }

    /** One occurrence of {@code kind} (a plural noun phrase, e.g. "oversized frames") from {@code source}. */
    synchronized void warn(String kind, String source, String detail) {
        long now = clock.getAsLong();
        String key = kind + " from " + source;
        Window w = windows.get(key);
        if (w == null) {
            if (windows.size() >= MAX_KEYS) {
                windows.clear();
            }
            w = new Window();
            w.start = now;
            windows.put(key, w);
            log.accept(kind + " from " + source + ": " + detail + " (repeats are summarised once a minute)");
            return;
        }
        w.suppressed++;
        if (now - w.start >= WINDOW_NANOS) {
            log.accept(w.suppressed + " " + kind + " from " + source + " in the last minute (latest: " + detail + ")");
            w.start = now;
            w.suppressed = 0;
        }
    }

    /** Logs what is still counted (on close). */
    synchronized void flush() {
        windows.forEach((key, w) -> {
            if (w.suppressed > 0) {
                log.accept(w.suppressed + " more " + key);
            }
        });
        windows.clear();
    }
}
