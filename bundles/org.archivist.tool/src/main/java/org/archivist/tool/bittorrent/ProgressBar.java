package org.archivist.tool.bittorrent;

import java.io.PrintStream;

/** A one-line progress bar redrawn in place: {@code [#####.....]  45%  12.3/27.0 MiB  3.2 MiB/s}. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final double MIB = 1024.0 * 1024.0;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    synchronized void update(long done, long total, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        out.printf("\r[%s%s] %3d%%  %.1f/%.1f MiB  %.1f MiB/s ", "#".repeat(filled), ".".repeat(WIDTH - filled),
                (int) Math.floor(fraction * 100), done / MIB, total / MIB, done / MIB / seconds);
        out.flush();
    }

    void finish() {
        out.println();
    }
}
