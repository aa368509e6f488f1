package org.archivist.itests;

import java.time.Duration;

/** Polls a condition until it holds or the time is up; the failure says what was last seen. */
final class Waits {
    private Waits() {
    }

    interface Check {
        /** Null when satisfied, otherwise what is still wrong. */
        String problem() throws Exception;
    }

    static void until(Duration timeout, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = check.problem();
                lastError = null;
                if (last == null) {
                    return;
                }
            } catch (Exception e) {
                lastError = e;
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        AssertionError failure = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + ": " + last);
        if (lastError != null) {
            failure.initCause(lastError);
        }
        throw failure;
    }
}
