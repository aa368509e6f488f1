package org.archivist.commands.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.CommunityId;
import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.ReleasableCopy.Kind;
import org.archivist.api.service.ReleaseReport;
import org.archivist.api.service.StorageUsage;
import org.junit.jupiter.api.Test;

/** archive:release: its amounts, and what it prints of a release or a dry run. */
class ReleaseLinesTest {
    static final CommunityId MEMBER = CommunityId.of("0x03" + "44".repeat(32));

    @Test
    void amountsInBytesUnitsOrEverything() {
        assertEquals(new ReleaseRequest(5000, ReleaseRequest.EVERY_KIND), ReleaseRequest.parse("5000", false));
        assertEquals(new ReleaseRequest(200 * 1024, Set.of(Kind.FILE)), ReleaseRequest.parse("200K", true));
        assertEquals(50L << 20, ReleaseRequest.parse("50m", false).bytes());
        assertEquals(2L << 30, ReleaseRequest.parse("2G", false).bytes());
        assertEquals(new ReleaseRequest(Long.MAX_VALUE, Set.of(Kind.FILE)), ReleaseRequest.parse("all-files", false));
        assertEquals(new ReleaseRequest(Long.MAX_VALUE, ReleaseRequest.EVERY_KIND), ReleaseRequest.parse("all", false));
        for (String bad : List.of("", "0", "-5", "12T", "lots", "9999999999999G")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReleaseRequest.parse(bad, false), bad);
            assertTrue(e.getMessage().contains("all-files or all"), e.getMessage());
        }
    }

    @Test
    void printsEachCopyAndTheTotalOrThatNothingMayGo() {
        ReleasableCopy file = new ReleasableCopy(Kind.FILE, "files", "abc.bin", 300, Instant.ofEpochSecond(0),
                Optional.empty());
        ReleasableCopy set = new ReleasableCopy(Kind.ARCHIVE_SET, "bittorrent", MEMBER.hex(), 5000,
                Instant.ofEpochSecond(60), Optional.of(MEMBER));
        String dry = capture(p -> ReleaseCommand.print(new ReleaseReport(List.of(file, set), 5300, true,
                new StorageUsage(9000, 10000)), p));
        assertEquals("Node storage     : 9000 bytes in use, limit 10000 bytes\n"
                + "Would release    : file files:abc.bin (300 bytes, written 1970-01-01T00:00:00Z)\n"
                + "Would release    : archive set bittorrent:" + MEMBER.hex() + " (5000 bytes, written"
                + " 1970-01-01T00:01:00Z)\n"
                + "Total            : 5300 bytes in 2 copies\n", dry);
        String none = capture(p -> ReleaseCommand.print(new ReleaseReport(List.of(), 0, false,
                new StorageUsage(9000, 0)), p));
        assertEquals("Node storage     : 9000 bytes in use, limit none (before the release)\n"
                + "Released         : nothing (no fetched file or member archive set may be released)\n", none);
    }

    static String capture(java.util.function.Consumer<PrintStream> print) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            print.accept(p);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
