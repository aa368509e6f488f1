package org.archivist.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archivist.api.CommunityId;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.LinkKind;
import org.junit.jupiter.api.Test;

class ArchivistPageTest {
    static final CommunityId OURS = CommunityId.of("0x02" + "a".repeat(64));
    static final CommunityId THEIRS = CommunityId.of("0x03" + "b".repeat(64));
    static final CommunityId EMPTY = CommunityId.of("0x02" + "c".repeat(64));
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    static final long OURS_END = NOW.getEpochSecond() - 3 * 86_400;
    static final String HOSTILE = "magnet:?xt=urn:btih:00\"><script>alert('x')</script><img src=x onerror=alert(1)>&";

    static FakeArchiveService service() {
        return new FakeArchiveService()
                .with(new CommunityArchiveStatus(OURS, Set.of("bittorrent", "codex"), true, OptionalLong.of(OURS_END),
                        Set.of(HOSTILE, "zb2rhIndexCid"), 4, 0), Map.of(new LinkKind("MAGNET"), 1_700_000_000_000L))
                .with(new CommunityArchiveStatus(THEIRS, Set.of("codex"), false,
                        OptionalLong.of(NOW.getEpochSecond() - 10 * 86_400), Set.of("zb2rhTheirs"), 2, 150,
                        Set.of("codex")), Map.of())
                .with(new CommunityArchiveStatus(EMPTY, Set.of("bittorrent"), true, OptionalLong.empty(), Set.of(), 0,
                        0), Map.of());
    }

    static String page(FakeArchiveService s) {
        return StatusPage.render(ArchivistConsolePlugin.rows(s), NOW, "/system/console/archivist", Optional.empty(),
                Optional.empty());
    }

    static int count(String haystack, String regex) {
        Matcher m = Pattern.compile(regex).matcher(haystack);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void oneRowAndOneTimelinePerCommunityWithItsValues() {
        String html = page(service());
        assertEquals(3, count(html, "<tr class=\"community\""));
        assertEquals(3, count(html, "<svg class=\"archivist-timeline\""));
        String ours = html.substring(html.indexOf("<tr class=\"community\" data-community=\"" + OURS.hex()));
        ours = ours.substring(0, ours.indexOf("</tr>"));
        assertTrue(ours.contains("<td class=\"role\">owner</td>"), ours);
        assertTrue(ours.contains("<td class=\"archives\">4</td>"), ours);
        assertTrue(ours.contains(Instant.ofEpochSecond(OURS_END).toString()), ours);
        assertTrue(ours.contains("MAGNET clock 1700000000000"), ours);
        assertTrue(ours.contains("value=\"zb2rhIndexCid\""), ours);
        assertTrue(ours.contains("class=\"archive-now\""), ours);
        String theirs = html.substring(html.indexOf("<tr class=\"community\" data-community=\"" + THEIRS.hex()));
        theirs = theirs.substring(0, theirs.indexOf("</tr>"));
        assertTrue(theirs.contains("<td class=\"role\">member</td>"), theirs);
        assertTrue(theirs.contains("<td class=\"imported\">150</td>"), theirs);
        assertTrue(theirs.contains("paused: codex unavailable"), theirs);
        assertFalse(theirs.contains("archive-now"), "a member cannot archive: " + theirs);
    }

    @Test
    void barsOnlyForCommunitiesWithArchivesEndingAtTheLastArchiveEnd() {
        String html = page(service());
        assertEquals(2, count(html, "<rect class=\"archive-bar"));
        Timeline axis = Timeline.axis(ArchivistConsolePlugin.rows(service()), NOW);
        // the axis runs from LEAD before the earliest end (THEIRS, 10 days ago) to now
        assertEquals(NOW.getEpochSecond() - 10 * 86_400 - Timeline.LEAD.toSeconds(), axis.start());
        assertEquals(NOW.getEpochSecond(), axis.end());
        Matcher bar = Pattern.compile("<rect class=\"archive-bar storage-both\" x=\"0\" y=\"\\d+\" width=\"([0-9.]+)\"[^>]*"
                + "data-to=\"" + OURS_END + "\" data-archives=\"4\"").matcher(html);
        assertTrue(bar.find(), html);
        double expected = (OURS_END - axis.start()) * (double) Timeline.WIDTH / (axis.end() - axis.start());
        assertEquals(expected, Double.parseDouble(bar.group(1)), 0.01);
        // the gap from the last archive end to now, and a whole-axis gap where nothing is archived
        assertEquals(3, count(html, "<rect class=\"gap\""));
        assertTrue(html.contains("storage-codex"), html);
    }

    @Test
    void archiveNowAddsToTheBar() throws Exception {
        FakeArchiveService s = service();
        String outcome = ArchivistConsolePlugin.archive(s, "archive", EMPTY.hex());
        assertEquals("archive run finished for " + EMPTY.hex(), outcome);
        assertEquals(List.of(EMPTY), s.archived);
        assertEquals(3, count(page(s), "<rect class=\"archive-bar"));
        assertTrue(ArchivistConsolePlugin.archive(s, "archive", THEIRS.hex()).startsWith("archive now failed"));
        assertEquals("not a community id", ArchivistConsolePlugin.archive(s, "archive", "<x>"));
        assertEquals("unknown action", ArchivistConsolePlugin.archive(s, "drop", OURS.hex()));
        assertEquals(List.of(EMPTY), s.archived);
    }

    @Test
    void everyValueIsEscaped() {
        String html = page(service());
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("alert('x')"), html);
        assertTrue(html.contains("value=\"magnet:?xt=urn:btih:00&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
                + "&lt;img src=x onerror=alert(1)&gt;&amp;\""), html);
        String message = StatusPage.render(List.of(), NOW, "/a\"b", Optional.of("<b>done</b>"), Optional.empty());
        assertFalse(message.contains("<b>done"), message);
        assertFalse(message.contains("/a\"b"), message);
        assertTrue(message.contains("&lt;b&gt;done&lt;/b&gt;"), message);
    }

    @Test
    void jsonHasTheSameData() throws Exception {
        JsonNode root = new ObjectMapper().readTree(StatusJson.render(ArchivistConsolePlugin.rows(service()), NOW));
        assertEquals(NOW.getEpochSecond(), root.get("generatedAt").asLong());
        JsonNode list = root.get("communities");
        assertEquals(3, list.size());
        JsonNode ours = list.get(0);
        assertEquals(OURS.hex(), ours.get("community").asText());
        assertEquals("owner", ours.get("role").asText());
        assertEquals("[\"bittorrent\",\"codex\"]", ours.get("backends").toString());
        assertEquals(OURS_END, ours.get("lastArchiveEnd").asLong());
        assertEquals(4, ours.get("archives").asInt());
        assertEquals(HOSTILE, ours.get("links").get(0).asText());
        assertEquals(1_700_000_000_000L, ours.get("linkClocks").get("MAGNET").asLong());
        assertFalse(ours.get("paused").asBoolean());
        JsonNode theirs = list.get(2);
        assertEquals(THEIRS.hex(), theirs.get("community").asText());
        assertEquals("member", theirs.get("role").asText());
        assertEquals(150, theirs.get("imported").asInt());
        assertTrue(theirs.get("paused").asBoolean());
        assertEquals("[\"codex\"]", theirs.get("unavailableBackends").toString());
        assertTrue(list.get(1).get("lastArchiveEnd").isNull());
    }

    @Test
    void serviceDownAndNoCommunities() {
        assertTrue(StatusPage.render(List.of(), NOW, "/p", Optional.empty(), Optional.of("The archive service is not running."))
                .contains("not running"));
        assertTrue(StatusPage.render(List.of(), NOW, "/p", Optional.empty(), Optional.empty())
                .contains("No community is configured"));
    }

    @Test
    void postsFromOtherSitesAreRefused() {
        assertTrue(ArchivistConsolePlugin.sameOrigin(null, "127.0.0.1:8181"));
        assertTrue(ArchivistConsolePlugin.sameOrigin("http://127.0.0.1:8181", "127.0.0.1:8181"));
        assertFalse(ArchivistConsolePlugin.sameOrigin("http://evil.example", "127.0.0.1:8181"));
        assertFalse(ArchivistConsolePlugin.sameOrigin("null", "127.0.0.1:8181"));
    }
}
