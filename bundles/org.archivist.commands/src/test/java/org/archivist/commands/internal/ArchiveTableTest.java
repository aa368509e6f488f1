package org.archivist.commands.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.ArchiveSummary.Availability;
import org.junit.jupiter.api.Test;

/** {@code archive:list <community>} shows a member's archives with their availability and gaps; download's range. */
class ArchiveTableTest {
    private static final CommunityId ID = CommunityId.of("0x03" + "44".repeat(32));
    private static final long JAN_1 = 1_577_836_800L;
    private static final long WEEK = 7 * 86_400L;

    private static ArchiveSummary archive(int week, Availability a, boolean known) {
        return new ArchiveSummary("0x" + Integer.toString(week).repeat(64).substring(0, 64),
                TimeRange.of(JAN_1 + week * WEEK, JAN_1 + (week + 1) * WEEK),
                known ? OptionalLong.of(1000 + week) : OptionalLong.empty(),
                known ? OptionalInt.of(10 + week) : OptionalInt.empty(), Set.of("codex"), known, a);
    }

    @Test
    void aMembersArchivesShowTheirAvailabilityAndTheGapsBetweenThem() {
        List<ArchiveSummary> archives = List.of(archive(0, Availability.OUTSIDE_WINDOW, false),
                archive(1, Availability.OUTSIDE_WINDOW, false), archive(3, Availability.MISSING, false),
                archive(4, Availability.HELD, true));
        String out = capture(p -> ArchiveTable.print(ID, archives, false, p));
        List<String> rows = out.lines().toList();
        assertTrue(rows.get(0).contains("Availability") && rows.get(0).contains("Stored on"), out);
        assertEquals(2, rows.stream().filter(l -> l.startsWith("0x") && l.contains("OUTSIDE_WINDOW")).count(), out);
        String gap = rows.stream().filter(l -> l.startsWith(ArchiveTable.GAP)).findFirst().orElseThrow();
        assertTrue(gap.contains(Instant.ofEpochSecond(JAN_1 + 2 * WEEK).toString())
                && gap.contains(Instant.ofEpochSecond(JAN_1 + 3 * WEEK).toString()), "the week no archive covers: " + gap);
        assertEquals(1, rows.stream().filter(l -> l.startsWith(ArchiveTable.GAP)).count(), "only one gap: " + out);
        String held = rows.stream().filter(l -> l.contains("HELD")).findFirst().orElseThrow();
        assertTrue(held.matches(".*\\s1004\\s.*\\s14\\s.*codex.*HELD.*yes \\(decoded\\).*"), held);
        String missing = rows.stream().filter(l -> l.contains("MISSING")).findFirst().orElseThrow();
        assertTrue(missing.matches(".*\\s-\\s.*\\s-\\s.*no.*"), "unknown size and count: " + missing);
        assertTrue(out.contains("4 archives: 1 HELD, 1 MISSING, 2 OUTSIDE_WINDOW (archive:download <community>"
                + " --from/--to fetches them)"), out);
        assertTrue(capture(p -> ArchiveTable.print(ID, List.of(), false, p)).startsWith("No archive of "));
    }

    @Test
    void downloadRangesAreInstantsDatesOrSecondsAndSayWhatTheySelect() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        assertEquals(TimeRange.of(JAN_1, JAN_1 + 86_400), TimeArguments.range("2020-01-01", "2020-01-02T00:00:00Z", now));
        assertEquals(TimeRange.of(0, now.getEpochSecond() + 1), TimeArguments.range(null, null, now));
        assertEquals(TimeRange.of(5, 9), TimeArguments.range("5", "9", now));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> TimeArguments.range("last tuesday", null, now));
        assertTrue(bad.getMessage().startsWith("--from takes an ISO instant"), bad.getMessage());
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                () -> TimeArguments.range("2020-01-02", "2020-01-01", now));
        assertTrue(backwards.getMessage().contains("must be after"), backwards.getMessage());
        TimeRange range = TimeRange.of(JAN_1, JAN_1 + 2 * WEEK);
        assertEquals("2 archives in 2020-01-01T00:00:00Z .. 2020-01-15T00:00:00Z: 1 to fetch, 1 already held",
                DownloadCommand.describe(range, List.of(archive(0, Availability.MISSING, false),
                        archive(1, Availability.HELD, true))));
        assertTrue(DownloadCommand.describe(range, List.of()).contains("the request is kept"));
    }

    @Test
    void theVerdictNamesTheChecksItRestsOn() {
        ArchiveSummary s = archive(0, Availability.PUBLISHED, true);
        assertEquals("yes (decoded)", ArchiveTable.verdict(s));
        assertEquals("no (decoded, content address)", ArchiveTable.verdict(new ArchiveSummary(s.id(), s.range(),
                s.bytes(), s.messages(), s.storedOn(), false, Availability.PUBLISHED,
                Set.of(ArchiveSummary.Check.CONTENT_ADDRESS, ArchiveSummary.Check.DECODED))));
        assertEquals("no", ArchiveTable.verdict(archive(1, Availability.MISSING, false)));
    }

    private static String capture(java.util.function.Consumer<PrintStream> print) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
