package org.archivist.commands.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.CommunityArchiveStatus;
import org.junit.jupiter.api.Test;

/**
 * archive:status and archive:list show an owner the archives it published (the scheduler's count of its committed
 * sets) and a member those it holds, with the next run; archive:create/download progress shows failures.
 */
class ArchiveCountLinesTest {
    private static final CommunityId OWNED = CommunityId.of("0x02" + "11".repeat(32));
    private static final CommunityId JOINED = CommunityId.of("0x03" + "22".repeat(32));
    private static final Instant NEXT = Instant.parse("2026-12-08T00:00:00.250Z");

    private final CommunityArchiveStatus owner = new CommunityArchiveStatus(OWNED, Set.of("bittorrent"), true,
            OptionalLong.of(1_577_836_800L), Set.of("magnet:?xt=urn:btih:00"), 3, 0, Set.of(), Optional.of(NEXT));
    private final CommunityArchiveStatus member = new CommunityArchiveStatus(JOINED, Set.of("codex"), false,
            OptionalLong.empty(), Set.of(), 2, 1);

    @Test
    void statusShowsAnOwnersPublishedArchivesAndItsNextRun() {
        String out = capture(p -> StatusCommand.print(owner, Map.of("bittorrent", "UP"), p));
        assertTrue(out.contains("Archives         : 3 published"), out);
        assertTrue(out.contains("Next run         : 2026-12-08T00:00:00Z"), out);
        String m = capture(p -> StatusCommand.print(member, Map.of("codex", "UP"), p));
        assertTrue(m.contains("Archives         : 2 held"), m);
        assertTrue(m.contains("Imported         : 1"), m);
        assertTrue(m.contains("Next run         : -"), m);
    }

    @Test
    void listShowsArchivesAndNextRunPerCommunity() {
        String out = capture(p -> ListCommand.print(List.of(owner, member), Map.of(), false, p));
        String ownerLine = out.lines().filter(l -> l.contains(Communities.shortId(OWNED))).findFirst().orElseThrow();
        assertTrue(ownerLine.contains("2026-12-08T00:00:00Z"), out);
        assertTrue(ownerLine.matches(".*\\s3\\s.*"), ownerLine);
        assertTrue(out.lines().findFirst().orElseThrow().contains("Next run"), out);
    }

    @Test
    void progressNamesAFailureAndItsReason() {
        assertEquals("failed 1970-01-01T00:00:01Z .. 1970-01-01T00:00:02Z: archive run on codex: node unreachable",
                EventProgress.describe(ArchiveEvent.failed(OWNED, Optional.of(TimeRange.of(1, 2)),
                        "archive run on codex: node unreachable")));
    }

    private static String capture(java.util.function.Consumer<PrintStream> print) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
