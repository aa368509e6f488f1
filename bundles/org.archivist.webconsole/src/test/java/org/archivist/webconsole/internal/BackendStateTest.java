package org.archivist.webconsole.internal;

import static org.archivist.webconsole.internal.ArchivistPageTest.NOW;
import static org.archivist.webconsole.internal.ArchivistPageTest.OURS;
import static org.archivist.webconsole.internal.ArchivistPageTest.THEIRS;
import static org.archivist.webconsole.internal.ArchivistPageTest.EMPTY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.StorageBackend;
import org.junit.jupiter.api.Test;

/** Each community's backends on the page: BitTorrent's seeding and peers, the Codex node's reachability and quota. */
class BackendStateTest {
    /** A backend whose status is what the test says (every other call is not expected here). */
    static StorageBackend backend(java.util.function.Supplier<BackendStatus> status) {
        return (StorageBackend) Proxy.newProxyInstance(StorageBackend.class.getClassLoader(),
                new Class<?>[] {StorageBackend.class}, (p, m, a) -> switch (m.getName()) {
                    case "status" -> status.get();
                    case "toString" -> "fake backend";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    static final StorageBackend TORRENTS = backend(() -> BackendStatus.up(Map.of("peers", 3, "seedingCommunities", 1,
            "listenPort", 9025)));
    static final StorageBackend CODEX_UP = backend(() -> BackendStatus.up(Map.of("quotaUsedBytes", 5L << 20,
            "quotaMaxBytes", 20L << 20)));

    final FakeArchiveService service = ArchivistPageTest.service();

    ArchivistConsolePlugin plugin() {
        return new ArchivistConsolePlugin(service, null, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    String page(ArchivistConsolePlugin p) throws Exception {
        return ArchivistConsolePluginTest.call(p, "GET", "/archivist", Map.of(), Map.of()).body.toString();
    }

    JsonNode json(ArchivistConsolePlugin p) throws Exception {
        return new ObjectMapper().readTree(ArchivistConsolePluginTest.call(p, "GET", "/archivist/data.json", Map.of(),
                Map.of()).body.toString());
    }

    static String node(String row, String backend) {
        String n = row.substring(row.indexOf("<div class=\"node\" data-backend=\"" + backend + "\">"));
        return n.substring(0, n.indexOf("</td>") < 0 ? n.length() : n.indexOf("</td>"));
    }

    @Test
    void bitTorrentSeedingAndPeersAndTheCodexNodesQuotaShowPerCommunity() throws Exception {
        ArchivistConsolePlugin p = plugin().withBackend("bittorrent", TORRENTS).withBackend("codex", CODEX_UP);
        String html = page(p);
        String ours = ArchivistPageTest.row(html, OURS);
        String bt = node(ours, "bittorrent");
        assertTrue(bt.contains("<span class=\"node-state state-up\""), bt);
        assertTrue(bt.contains("data-seeding=\"seeding\""), "an owner with a magnet link seeds it: " + bt);
        assertTrue(bt.contains("<div class=\"peers detail\" data-peers=\"3\">3 peers (all torrents)</div>"), bt);
        assertTrue(html.contains("<div class=\"peers detail\" data-peers=\"3\">3 peers connected (all torrents), 1"
                + " community seeded</div>"), "the engine's figures in the backends line");
        String codex = node(ours, "codex");
        assertTrue(codex.contains("data-reachable=\"true\">node reachable"), codex);
        assertTrue(codex.contains("data-used=\"5242880\" data-max=\"20971520\">quota 5.0 MiB of 20.0 MiB used"), codex);
        assertTrue(codex.contains("value=\"25\""), codex);
        assertTrue(ArchivistPageTest.row(html, EMPTY).contains("data-seeding=\"nothing to seed yet\""), "no link yet");
        assertTrue(html.contains("<div class=\"backends-state\"><strong>Backends:</strong> <div class=\"node\""
                + " data-backend=\"bittorrent\">"), "every backend above the table: " + html);

        JsonNode data = json(p);
        assertEquals(3, data.get("backends").get("bittorrent").get("metrics").get("peers").asInt());
        assertTrue(data.get("backends").get("codex").get("reachable").asBoolean());
        JsonNode o = data.get("communities").get(0).get("backendStates");
        assertEquals("seeding", o.get("bittorrent").get("seeding").asText());
        assertEquals("UP", o.get("bittorrent").get("state").asText());
        assertEquals(5L << 20, o.get("codex").get("metrics").get("quotaUsedBytes").asLong());
        assertEquals(20L << 20, o.get("codex").get("metrics").get("quotaMaxBytes").asLong());
    }

    @Test
    void anUnreachableCodexNodeAndAMissingBackendAreSaidSo() throws Exception {
        ArchivistConsolePlugin p = plugin().withBackend("codex", backend(() -> BackendStatus.down(
                "the Codex node at http://127.0.0.1:8080/api/codex/v1 is unreachable: <refused>")));
        String ours = ArchivistPageTest.row(page(p), OURS);
        String codex = node(ours, "codex");
        assertTrue(codex.contains("state-down"), codex);
        assertTrue(codex.contains("node not reachable"), codex);
        assertTrue(codex.contains("is unreachable: &lt;refused&gt;"), codex);
        assertFalse(codex.contains("quota"), codex);
        String bt = node(ours, "bittorrent");
        assertTrue(bt.contains("NOT RUNNING"), bt);
        assertTrue(bt.contains("data-seeding=\"not seeding: the backend is not running\""), bt);
        JsonNode o = json(p).get("communities").get(0).get("backendStates");
        assertEquals("NOT_RUNNING", o.get("bittorrent").get("state").asText());
        assertFalse(o.get("codex").get("reachable").asBoolean());
        assertEquals("DOWN", o.get("codex").get("state").asText());
    }

    @Test
    void aBackendWhoseStatusThrowsReadsAsDownAndThePageStillRenders() throws Exception {
        ArchivistConsolePlugin p = plugin().withBackend("bittorrent", backend(() -> {
            throw new IllegalStateException("engine gone");
        }));
        String bt = node(ArchivistPageTest.row(page(p), OURS), "bittorrent");
        assertTrue(bt.contains("state-down") && bt.contains("engine gone"), bt);
    }

    @Test
    void seedingFollowsTheSchedulersSeedingEvents() throws Exception {
        ArchivistConsolePlugin p = plugin().withBackend("bittorrent", TORRENTS);
        ArchivistPageTest.post(p, ArchiveEvent.Type.UNSEEDED, OURS, Map.of());
        assertTrue(node(ArchivistPageTest.row(page(p), OURS), "bittorrent").contains("data-seeding=\"unseeded\""));
        ArchivistPageTest.post(p, ArchiveEvent.Type.SEEDING, OURS, Map.of());
        assertTrue(node(ArchivistPageTest.row(page(p), OURS), "bittorrent").contains("data-seeding=\"seeding\""));
        // a member (THEIRS is on Codex only: no seeding line)
        assertFalse(ArchivistPageTest.row(page(p), THEIRS).contains("data-seeding"));
        assertEquals(NodeState.NOT_SEEN, NodeState.seeding(new org.archivist.api.service.CommunityArchiveStatus(THEIRS,
                java.util.Set.of("bittorrent"), false, java.util.OptionalLong.empty(), java.util.Set.of("magnet:?x"), 0,
                0), Activity.Snapshot.NONE, Optional.of(BackendView.of("bittorrent", TORRENTS)), false));
    }

    @Test
    void theNodesArchiveStorageShowsAgainstItsLimit() throws Exception {
        ArchivistConsolePlugin p = plugin();
        assertFalse(page(p).contains("storage-line"), "nothing when the scheduler does not measure it");
        assertFalse(json(p).has("storage"));
        service.storage = Optional.of(new org.archivist.api.service.StorageUsage(3L << 20, 4L << 20));
        String html = page(p);
        assertTrue(html.contains("<p class=\"storage-line\" data-used=\"3145728\" data-max=\"4194304\">Node storage (archives"
                + " and files): 3.0 MiB in use of the 4.0 MiB limit"), html);
        assertFalse(html.contains("at the limit"), html);
        assertEquals(4L << 20, json(p).get("storage").get("maxBytes").asLong());
        service.storage = Optional.of(new org.archivist.api.service.StorageUsage(5L << 20, 4L << 20));
        assertTrue(page(p).contains("at the limit: new downloads and file transfers wait"));
        service.storage = Optional.of(new org.archivist.api.service.StorageUsage(1000, 0));
        assertTrue(page(p).contains("in use, no limit"));
        assertEquals(1000, json(p).get("storage").get("usedBytes").asLong());
    }

    @Test
    void aCommunitysOwnPeersShowInItsRowWhenTheBackendReportsThem() throws Exception {
        StorageBackend perTorrent = backend(() -> BackendStatus.up(Map.of("peers", 5, "seedingCommunities", 1,
                "peers." + OURS.hex(), 2)));
        ArchivistConsolePlugin p = plugin().withBackend("bittorrent", perTorrent);
        ArchivistPageTest.post(p, ArchiveEvent.Type.UNSEEDED, OURS, Map.of()); // older than what the backend says now
        String bt = node(ArchivistPageTest.row(page(p), OURS), "bittorrent");
        assertTrue(bt.contains("<div class=\"peers detail\" data-peers=\"2\" data-peers-of=\"community\">2 peers on its"
                + " torrent</div>"), bt);
        assertFalse(bt.contains("all torrents"), "the engine's count stays in the backends line: " + bt);
        assertTrue(bt.contains("data-seeding=\"seeding\""), "a torrent the backend reports is seeded: " + bt);
        JsonNode data = json(p);
        JsonNode ours = null;
        for (JsonNode c : data.get("communities")) {
            if (c.get("community").asText().equals(OURS.hex())) {
                ours = c;
            }
        }
        assertEquals(2, ours.get("backendStates").get("bittorrent").get("peers").asInt(), ours.toString());
        assertFalse(ours.get("backendStates").get("bittorrent").get("metrics").has("peers." + OURS.hex()),
                "per-community counts are not repeated in every row");
        assertEquals(5, data.get("backends").get("bittorrent").get("metrics").get("peers").asInt());
    }

    @Test
    void aScheduledRunShowsAsArchivingUntilItEnds() throws Exception {
        ArchivistConsolePlugin p = plugin();
        ArchivistPageTest.post(p, ArchiveEvent.Type.CREATING, OURS, Map.of());
        assertTrue(ArchivistPageTest.row(page(p), OURS).contains("archiving now"));
        assertTrue(json(p).get("communities").get(0).get("running").asBoolean());
        ArchivistPageTest.post(p, ArchiveEvent.Type.CREATED, OURS, Map.of(ArchiveEvent.FROM, 1L, ArchiveEvent.TO, 2L));
        assertFalse(ArchivistPageTest.row(page(p), OURS).contains("archiving now"));
        assertFalse(json(p).get("communities").get(0).get("running").asBoolean());
    }
}
