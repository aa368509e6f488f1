package org.archivist.webconsole.internal;

import static org.archivist.api.service.ArchiveSummary.Availability.HELD;
import static org.archivist.api.service.ArchiveSummary.Availability.MISSING;
import static org.archivist.api.service.ArchiveSummary.Availability.OUTSIDE_WINDOW;
import static org.archivist.webconsole.internal.ArchivistPageTest.NOW;
import static org.archivist.webconsole.internal.ArchivistPageTest.WEEK;
import static org.archivist.webconsole.internal.ArchivistPageTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archivist.api.CommunityId;
import org.archivist.api.service.CommunityArchiveStatus;
import org.junit.jupiter.api.Test;

/** A member's archives (api 1.5): one bar per entry of the newest index it knows, styled by what it has of it. */
class MemberArchivesTest {
    static final CommunityId MEMBER = CommunityId.of("0x03" + "e".repeat(64));
    static final long W8 = NOW.getEpochSecond() - 8 * WEEK;

    /** Weeks -8..-6 outside the window, -6..-4 held, -4..-3 missing, -2..-1 held (a week without messages between). */
    static FakeArchiveService service() {
        return new FakeArchiveService().with(new CommunityArchiveStatus(MEMBER, Set.of("bittorrent"), false,
                OptionalLong.of(W8 + 7 * WEEK), Set.of("magnet:?xt=urn:btih:ab"), 3, 420), Map.of(),
                FakeArchiveService.member("0xo1", W8, W8 + WEEK, OUTSIDE_WINDOW, "bittorrent"),
                FakeArchiveService.member("0xo2", W8 + WEEK, W8 + 2 * WEEK, OUTSIDE_WINDOW, "bittorrent"),
                FakeArchiveService.member("0xh1", W8 + 2 * WEEK, W8 + 3 * WEEK, HELD, "bittorrent"),
                FakeArchiveService.member("0xh2", W8 + 3 * WEEK, W8 + 4 * WEEK, HELD, "bittorrent"),
                FakeArchiveService.member("0xm1", W8 + 4 * WEEK, W8 + 5 * WEEK, MISSING, "bittorrent"),
                FakeArchiveService.member("0xh3", W8 + 6 * WEEK, W8 + 7 * WEEK, HELD, "bittorrent"));
    }

    @Test
    void everyArchiveOfAMemberIsABarStyledByWhatItHasOfIt() {
        FakeArchiveService s = service();
        String html = ArchivistPageTest.page(s);
        String t = ArchivistPageTest.timeline(html, MEMBER);
        assertEquals(0, count(t, "archive-span"), "no covered-span fallback when archives are listed");
        Matcher bar = Pattern.compile("<rect class=\"archive-bar storage-bittorrent \\w+ availability-(\\w+)\" x=\"[0-9.]+\""
                + " y=\"\\d+\" width=\"[0-9.]+\" height=\"\\d+\" ([^>]*?) data-id=\"([^\"]+)\" data-from=\"(\\d+)\"").matcher(t);
        List<String> seen = new ArrayList<>();
        while (bar.find()) {
            seen.add(bar.group(3) + ":" + bar.group(1) + ":" + bar.group(2));
        }
        assertEquals(List.of(
                "0xo1:outside_window:fill=\"url(#outside-bittorrent)\"",
                "0xo2:outside_window:fill=\"url(#outside-bittorrent)\"",
                "0xh1:held:fill=\"#3b7dd8\"",
                "0xh2:held:fill=\"#3b7dd8\"",
                "0xm1:missing:fill=\"#ffffff\" style=\"stroke:#3b7dd8;stroke-width:1.5\" vector-effect=\"non-scaling-stroke\"",
                "0xh3:held:fill=\"#3b7dd8\""), seen);
        assertEquals(1, count(t, "<rect class=\"gap gap-between\""), "the week without an archive");
        assertTrue(t.contains("missing: not fetched yet"), t);
        assertTrue(t.contains("outside the history window: not fetched"), t);
        assertTrue(html.contains("<pattern id=\"outside-bittorrent\""), "the pattern the faded bars use");
        assertTrue(html.contains("<p class=\"legend legend-member\">"), "the legend explains the member's bars");
        String row = ArchivistPageTest.row(html, MEMBER);
        assertTrue(row.contains(">3 held <span class=\"detail\">of 6 listed (5.9 KiB held, 1 missing, 2 outside the"
                + " window)</span>"), row);
        assertFalse(row.contains("<button"), "a member has no owner actions");
        assertEquals(W8, Timeline.axis(ArchivistPageTest.plugin(s).rows(s), NOW).start(), "the axis starts at its first");
    }

    @Test
    void theJsonSaysEachArchivesAvailabilityAndTheirCounts() throws Exception {
        FakeArchiveService s = service();
        JsonNode c = new ObjectMapper().readTree(StatusJson.render(ArchivistPageTest.plugin(s).rows(s), NOW))
                .get("communities").get(0);
        assertEquals("member", c.get("role").asText());
        assertEquals(3, c.get("archives").asInt(), "a member's archives: those it holds");
        assertEquals(6, c.get("archiveList").size());
        List<String> availability = new ArrayList<>();
        c.get("archiveList").forEach(a -> availability.add(a.get("availability").asText()));
        assertEquals(List.of("outside_window", "outside_window", "held", "held", "missing", "held"), availability);
        assertEquals("{\"held\":3,\"missing\":1,\"outside_window\":2}", c.get("archivesByAvailability").toString());
        JsonNode owner = new ObjectMapper().readTree(StatusJson.render(ArchivistPageTest.plugin(ArchivistPageTest
                .service()).rows(ArchivistPageTest.service()), NOW)).get("communities").get(0);
        assertEquals("published", owner.get("archiveList").get(0).get("availability").asText());
        assertEquals("{\"published\":3}", owner.get("archivesByAvailability").toString());
    }

    @Test
    void anOwnersPageHasNoMemberLegend() {
        assertFalse(ArchivistPageTest.page(ArchivistPageTest.service()).contains("legend-member"));
    }
}
