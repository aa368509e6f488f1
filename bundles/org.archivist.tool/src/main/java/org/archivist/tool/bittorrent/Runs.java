package org.archivist.tool.bittorrent;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The timed downloads of bench-bittorrent, per seed: medians, ratios and stalls (NaN = a stall). */
final class Runs {
    private static final double MIB = 1024.0 * 1024.0;
    private final Map<String, List<double[]>> bySeed = new LinkedHashMap<>();

    void add(String seed, double archivist, double libtorrent) {
        bySeed.computeIfAbsent(seed, s -> new ArrayList<>()).add(new double[] {archivist, libtorrent});
    }

    int stalls() {
        return (int) bySeed.values().stream().flatMap(List::stream)
                .filter(r -> Double.isNaN(r[0]) || Double.isNaN(r[1])).count();
    }

    void print(long bytes, long rounds, PrintStream out) {
        out.printf("whole-process download times of %.1f MiB on loopback, median of %d round(s):%n", bytes / MIB,
                rounds);
        out.printf("%-16s %22s %22s %7s %7s%n", "from", "archivist fetch", "python3-libtorrent", "ratio", "stalls");
        for (Map.Entry<String, List<double[]>> e : bySeed.entrySet()) {
            double a = median(e.getValue(), 0);
            double l = median(e.getValue(), 1);
            long stalled = e.getValue().stream().filter(r -> Double.isNaN(r[0])).count();
            out.printf("%-16s %8s %7.1f MiB/s %8s %7.1f MiB/s %7.2f %4d/%d%n", e.getKey(), format(a), bytes / MIB / a,
                    format(l), bytes / MIB / l, a / l, stalled, e.getValue().size());
        }
        out.println("ratio = archivist fetch / python3-libtorrent (whole processes, JVM start included); stalls ="
                + " archivist fetch runs that failed or passed the deadline");
    }

    static String format(double seconds) {
        return Double.isNaN(seconds) ? "STALL" : String.format("%.2f s", seconds);
    }

    private static double median(List<double[]> runs, int column) {
        double[] ok = runs.stream().mapToDouble(r -> r[column]).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (ok.length == 0) {
            return Double.NaN;
        }
        return ok.length % 2 == 1 ? ok[ok.length / 2] : (ok[ok.length / 2 - 1] + ok[ok.length / 2]) / 2;
    }
}
