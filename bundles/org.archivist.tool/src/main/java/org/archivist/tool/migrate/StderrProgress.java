package org.archivist.tool.migrate;

import java.io.PrintStream;

import org.archivist.migration.MigrationProgress;

/** One stderr line per milestone: {@code [3/6] stored 0x… (120.4/361.2 KiB)}. */
final class StderrProgress implements MigrationProgress {
    private final PrintStream err;

    StderrProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void on(StepEvent e) {
        String what = switch (e.step()) {
            case PLANNED -> "planned: " + e.total() + " archives";
            case STORED -> "stored " + e.archiveId().orElse("");
            case SKIPPED -> "already there " + e.archiveId().orElse("");
            case COMMITTED -> "index committed " + e.link().orElse("");
            case VERIFIED -> "verified " + e.archiveId().orElse("");
            default -> null;
        };
        if (what != null) {
            err.printf("[%d/%d] %s (%.1f/%.1f KiB)%n", e.archive(), e.total(), what, e.bytesDone() / 1024.0,
                    e.bytesTotal() / 1024.0);
        }
    }
}
