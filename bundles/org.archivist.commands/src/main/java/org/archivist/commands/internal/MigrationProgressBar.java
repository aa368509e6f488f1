package org.archivist.commands.internal;

import java.io.PrintStream;

import org.archivist.migration.MigrationProgress;

/** A progress bar redrawn in place per archive, {@code [#####.....] 3/6 stored 0x12ab… 1.2/3.4 MiB}. */
final class MigrationProgressBar implements MigrationProgress {
    private static final int WIDTH = 30;
    private static final double MIB = 1024.0 * 1024.0;
    private final PrintStream out;

    MigrationProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void on(StepEvent e) {
        String what = switch (e.step()) {
            case STORED -> "stored";
            case SKIPPED -> "already there";
            case VERIFIED -> "verified";
            case COMMITTED -> "index committed";
            default -> null;
        };
        if (what == null) {
            return;
        }
        int filled = e.total() == 0 ? WIDTH : (int) ((long) e.archive() * WIDTH / e.total());
        out.printf("\r[%s%s] %d/%d %-15s %.1f/%.1f MiB", "#".repeat(filled), ".".repeat(WIDTH - filled),
                e.archive(), e.total(), what, e.bytesDone() / MIB, e.bytesTotal() / MIB);
        if (e.step() == Step.COMMITTED || (e.step() == Step.VERIFIED && e.archive() == e.total())) {
            out.println();
        }
        out.flush();
    }
}
