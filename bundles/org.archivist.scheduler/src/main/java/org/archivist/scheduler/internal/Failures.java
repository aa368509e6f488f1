package org.archivist.scheduler.internal;

/** How a failure reads in a {@code FAILED} event's reason: what was attempted, then the cause's own words. */
final class Failures {
    private Failures() {
    }

    static String reason(String what, Throwable cause) {
        String message = cause.getMessage();
        return what + ": " + (message == null || message.isBlank() ? cause.getClass().getSimpleName() : message);
    }
}
