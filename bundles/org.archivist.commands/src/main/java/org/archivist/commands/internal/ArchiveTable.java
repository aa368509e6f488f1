package org.archivist.commands.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.karaf.shell.support.table.ShellTable;
import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.ArchiveSummary.Availability;

/**
 * {@code archive:list <community>}: the community's archives, one row each in ascending time, with their
 * availability (an owner's PUBLISHED; a member's HELD, MISSING or OUTSIDE_WINDOW), and a {@code gap} row wherever
 * no archive covers the time between two archives; then a count per availability.
 */
final class ArchiveTable {
    static final String GAP = "gap";

    private ArchiveTable() {
    }

    static void print(CommunityId id, List<ArchiveSummary> archives, boolean fullIds, PrintStream out) {
        if (archives.isEmpty()) {
            out.println("No archive of " + id + " is known here yet (an owner before its first run, a member before"
                    + " it fetched an index).");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Archive");
        table.column("From");
        table.column("To");
        table.column("Bytes").alignRight();
        table.column("Messages").alignRight();
        table.column("Stored on");
        table.column("Availability");
        table.column("Verified");
        ArchiveSummary previous = null;
        for (ArchiveSummary s : archives) {
            if (previous != null && previous.range().to() < s.range().from()) {
                table.addRow().addContent(GAP, time(previous.range().to()), time(s.range().from()), "", "", "",
                        "no archive", "");
            }
            table.addRow().addContent(fullIds || s.id().length() <= 14 ? s.id() : s.id().substring(0, 14),
                    time(s.range().from()), time(s.range().to()),
                    s.bytes().isPresent() ? Long.toString(s.bytes().getAsLong()) : "-",
                    s.messages().isPresent() ? Integer.toString(s.messages().getAsInt()) : "-",
                    String.join(",", new TreeSet<>(s.storedOn())), s.availability().name(),
                    verdict(s));
            previous = s;
        }
        table.print(out);
        out.println(counts(archives));
    }

    /** {@code yes (decoded, content address)}: the verdict and the checks it rests on; {@code no} when none ran. */
    static String verdict(ArchiveSummary s) {
        if (s.checks().isEmpty()) {
            return s.verified() ? "yes" : "no";
        }
        StringBuilder checks = new StringBuilder();
        for (ArchiveSummary.Check c : new TreeSet<>(s.checks())) {
            checks.append(checks.length() == 0 ? "" : ", ").append(c.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' '));
        }
        return (s.verified() ? "yes (" : "no (") + checks + ")";
    }

    /** {@code 5 archives: 3 HELD, 2 OUTSIDE_WINDOW}. */
    static String counts(List<ArchiveSummary> archives) {
        Map<Availability, Integer> by = new TreeMap<>();
        archives.forEach(s -> by.merge(s.availability(), 1, Integer::sum));
        StringBuilder line = new StringBuilder().append(archives.size()).append(archives.size() == 1 ? " archive"
                : " archives").append(':');
        String sep = " ";
        for (Map.Entry<Availability, Integer> e : by.entrySet()) {
            line.append(sep).append(e.getValue()).append(' ').append(e.getKey().name());
            sep = ", ";
        }
        if (by.containsKey(Availability.OUTSIDE_WINDOW)) {
            line.append(" (archive:download <community> --from/--to fetches them)");
        }
        return line.toString();
    }

    private static String time(long unixSeconds) {
        return Instant.ofEpochSecond(unixSeconds).toString();
    }
}
