package org.archivist.webconsole.internal;

import java.util.Objects;

/**
 * Where a migration started from this console stands: running with its progress, or ended with its outcome.
 *
 * @param phase   running, finished or failed
 * @param archive the archive of the last step (1-based), 0 before the first
 * @param total   archives in the source set, 0 before the plan
 * @param bytesDone  blob bytes handled so far
 * @param bytesTotal blob bytes of the source set
 * @param text    the last step, the report's summary or the failure, for the operator
 */
record MigrationState(String source, String target, Phase phase, int archive, int total, long bytesDone,
        long bytesTotal, String text) {
    enum Phase {
        RUNNING, FINISHED, FAILED
    }

    MigrationState {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(phase, "phase");
        text = text == null ? "" : text;
    }

    static MigrationState started(String source, String target) {
        return new MigrationState(source, target, Phase.RUNNING, 0, 0, 0, 0, "starting");
    }

    /** Progress in percent of the bytes, 0 before the plan. */
    int percent() {
        return bytesTotal <= 0 ? (phase == Phase.FINISHED ? 100 : 0) : (int) Math.min(100, bytesDone * 100 / bytesTotal);
    }
}
