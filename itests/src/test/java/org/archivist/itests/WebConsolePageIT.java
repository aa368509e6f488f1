package org.archivist.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archivist.api.CommunityId;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.Test;

/**
 * The operator's page in a real browser, against the distribution as an operator runs it: {@code bin/karaf server}
 * unpacked from the tar.gz, the reference host with two communities this node owns (weeks of history each, loaded
 * with {@code host:load}, archived on BitTorrent), {@code feature:install archivist-webconsole}. Headless Chromium
 * (Debian's {@code chromium}, driven over the DevTools protocol) opens /system/console/archivist: a row per
 * community and one bar per archive with the ids and ranges of data.json; "Archive now" adds the bar of the
 * messages that came since, "Verify" reads every stored archive back; screenshots at 1280 px and 390 px go to
 * {@code itests/target/screenshots/}. Each row shows its backends' state (BitTorrent UP, seeding, its peers; the Codex
 * node, an emulator in the test JVM, reachable with its quota). "Archive now" returns at once and the page shows the
 * new bar when the background run ends (it polls data.json). "Migrate to Codex…" asks for confirmation with the plan,
 * runs in the background with its progress in the row; then {@code backend = both} shows every archive on both.
 * A plain JUnit test (no Pax Exam probe): the browser and the node are both outside the test JVM.
 */
public class WebConsolePageIT {
    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST_COMMUNITY = "org.archivist.host.reference.community";
    private static final String SCHEDULER_COMMUNITY = "org.archivist.scheduler.community";
    /** Private key 2: its public key is 2G, compressed. */
    static final String SECOND_KEY = "00".repeat(31) + "02";
    static final CommunityId SECOND = CommunityId.of(
            "0x02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5");
    private static KarafInstance node;
    private static CodexEmulator codex;
    private static KarafClient shell;

    private final Path shots = Path.of("target/screenshots").toAbsolutePath();
    private final HttpClient http = HttpClient.newHttpClient();
    private int httpPort;

    @Test
    public void thePageShowsEveryArchiveAndArchiveNowAddsOne() throws Exception {
        Assume.assumeTrue("chromium is not installed (./archivist test installs it as root)",
                HeadlessChromium.binary() != null);
        httpPort = FreePorts.next();
        Path home = Path.of("target/exam/webconsole-page");
        Path codexData = Path.of("target/exam/webconsole-codex").toAbsolutePath();
        deleteRecursively(codexData);
        codex = CodexEmulator.start(EmulatorConfig.builder().dataDir(codexData).build());
        node = new KarafInstance(home)
                .config("org.archivist.storage.codex", "baseUrl", codex.baseUri().toString())
                .config("org.archivist.storage.bittorrent", "listenPort", String.valueOf(FreePorts.next()))
                .config("org.archivist.host.reference.channel", "port", String.valueOf(FreePorts.next()))
                .config("org.ops4j.pax.web", "org.osgi.service.http.port", String.valueOf(httpPort));
        hostCommunity(node, "first", TestCommunity.ID, TestCommunity.PRIVATE_KEY);
        hostCommunity(node, "second", SECOND, SECOND_KEY);
        node.start();
        shell = new KarafClient(node.home(), node.sshPort());
        Waits.until(WAIT, "the node's shell", () -> shell.run("archive:list") == null ? "no shell" : null);

        long now = Instant.now().getEpochSecond();
        load(TestCommunity.ID, history(1, 200, now - 20 * 86_400, now - 60));
        load(SECOND, history(2, 120, now - 9 * 86_400, now - 60));
        // the archive configurations last: the owner's start logic (case C) archives the history at once
        schedulerCommunity("first", TestCommunity.ID);
        schedulerCommunity("second", SECOND);
        shell.run("feature:install archivist-webconsole");
        Waits.until(WAIT, "the archives of both communities in data.json", () -> {
            JsonNode data = data();
            int first = archiveList(data, TestCommunity.ID).size();
            int second = archiveList(data, SECOND).size();
            return first >= 3 && second >= 2 ? null : "archives listed: " + first + " and " + second;
        });

        String page = "http://127.0.0.1:" + httpPort + "/system/console/archivist";
        try (HeadlessChromium browser = HeadlessChromium.start(Path.of("target/chromium-profile").toAbsolutePath())) {
            browser.basicAuth("karaf", "karaf");
            browser.viewport(1280, 900, false);
            browser.navigate(page);
            assertEquals(2, browser.evaluate("document.querySelectorAll('#archivist tr.community').length").asInt());
            JsonNode data = data();
            barsMatch(browser, TestCommunity.ID, archiveList(data, TestCommunity.ID));
            barsMatch(browser, SECOND, archiveList(data, SECOND));
            nodeStates(browser);
            browser.screenshot(shots.resolve("archivist-1280.png"));

            List<JsonNode> before = archiveList(data, TestCommunity.ID);
            long lastEnd = before.get(before.size() - 1).get("to").asLong();
            load(TestCommunity.ID, history(3, 20, lastEnd, lastEnd + 1));
            // the run archives up to now: now must be past the new messages
            Waits.until(WAIT, "the clock past the new messages",
                    () -> Instant.now().getEpochSecond() > lastEnd + 1 ? null : "not yet");
            browser.clickAndWait("tr.community[data-community='" + TestCommunity.ID.hex() + "'] button.archive-now");
            // the request came back at once, before or after the run ended: the page says it started
            assertEquals("archive run started for " + TestCommunity.ID.hex(), browser.evaluate(
                    "document.querySelector('#archivist .archivist-message').textContent").asText());
            String first = "tr.community[data-community='" + TestCommunity.ID.hex() + "']";
            // the page polls data.json and reloads itself when the run ended: the new bar comes without a click
            Waits.until(WAIT, "the new bar drawn by the page itself", () -> {
                int bars = browser.evaluate("document.querySelectorAll(\"svg.archivist-timeline[data-community='"
                        + TestCommunity.ID.hex() + "'] rect.archive-bar\").length").asInt();
                return bars == before.size() + 1 ? null : bars + " bars";
            });
            Waits.until(WAIT, "the run's outcome in the row", () -> browser.evaluate("(document.querySelector(\""
                    + first + " .run-outcome.run-ok\") || {textContent: ''}).textContent").asText()
                    .startsWith("archive run finished at") ? null : "no outcome yet");
            List<JsonNode> after = archiveList(data(), TestCommunity.ID);
            assertEquals(before.size() + 1, after.size());
            assertEquals(lastEnd, after.get(after.size() - 1).get("from").asLong());
            barsMatch(browser, TestCommunity.ID, after);
            assertEquals("the archive-now button is back once the run ended", 1, browser.evaluate(
                    "document.querySelectorAll(\"" + first + " button.archive-now\").length").asInt());
            browser.screenshot(shots.resolve("archivist-1280-after-archive-now.png"));
            browser.clickAndWait("tr.community[data-community='" + SECOND.hex() + "'] button.verify");
            assertEquals("verified: all " + archiveList(data, SECOND).size() + " archive(s) of " + SECOND.hex()
                    + " are sound", browser.evaluate("document.querySelector('#archivist .archivist-message')"
                            + ".textContent").asText());

            migrate(browser, page);

            browser.viewport(390, 844, true);
            browser.navigate(page);
            assertEquals("block", browser.evaluate("getComputedStyle(document.querySelector("
                    + "'#archivist tr.community td.backends')).display").asText());
            assertTrue("the timelines are drawn at phone width", browser.evaluate("Array.from(document.querySelectorAll("
                    + "'#archivist svg.archivist-timeline')).every(t => t.getBoundingClientRect().width > 100)")
                    .asBoolean());
            barsMatch(browser, TestCommunity.ID, after);
            barsMatch(browser, SECOND, archiveList(data(), SECOND));
            assertTrue("the backends' states are shown on a phone too", browser.evaluate("getComputedStyle(document"
                    + ".querySelector(\"tr.community[data-community='" + SECOND.hex() + "'] .node[data-backend='codex']"
                    + " .quota\")).display !== 'none'").asBoolean());
            browser.screenshot(shots.resolve("archivist-390.png"));
        }
    }

    /**
     * Each row shows its backend's state: BitTorrent up, the owner's torrent seeded, the peers on its torrent; above the
     * table the Codex node (the emulator) reachable with its quota, as the backend reads it from /space.
     */
    private void nodeStates(HeadlessChromium browser) throws Exception {
        for (CommunityId id : List.of(TestCommunity.ID, SECOND)) {
            String bt = "tr.community[data-community='" + id.hex() + "'] .node[data-backend='bittorrent']";
            assertEquals("UP", text(browser, bt + " .node-state"));
            assertEquals("seeding", browser.evaluate("document.querySelector(\"" + bt + " .seeding\").dataset.seeding")
                    .asText());
            assertTrue(text(browser, bt + " .peers"), text(browser, bt + " .peers").matches(
                    "\\d+ peers? on its torrent"));
        }
        String codexNode = "#archivist .backends-state .node[data-backend='codex']";
        Waits.until(WAIT, "the Codex node probed", () -> {
            browser.navigate("http://127.0.0.1:" + httpPort + "/system/console/archivist");
            return "UP".equals(text(browser, codexNode + " .node-state")) ? null : text(browser, codexNode);
        });
        assertEquals("node reachable", text(browser, codexNode + " .reachability"));
        String engine = text(browser, "#archivist .backends-state .node[data-backend='bittorrent'] .peers");
        assertTrue(engine, engine.matches("\\d+ peers? connected \\(all torrents\\), 2 communities seeded"));
        assertTrue(text(browser, codexNode + " .quota"), text(browser, codexNode + " .quota").matches(
                "quota .* of 20\\.0 GiB used \\d+% \\d+%"));
        JsonNode backends = data().get("backends");
        assertTrue(backends.toString(), backends.get("codex").get("reachable").asBoolean());
        assertEquals(backends.toString(), 20L << 30, backends.get("codex").get("metrics").get("quotaMaxBytes").asLong());
        assertTrue(backends.toString(), backends.get("bittorrent").get("metrics").has("peers"));
    }

    /**
     * "Migrate to Codex…" on the second community: the plan and a confirmation first, nothing before it; then the
     * migration in the background, its progress in the row until it finished; with {@code backend = both} the
     * scheduler continues the migrated set, and every bar is on both.
     */
    private void migrate(HeadlessChromium browser, String page) throws Exception {
        String row = "tr.community[data-community='" + SECOND.hex() + "']";
        int archives = archiveList(data(), SECOND).size();
        long usedBefore = data().get("backends").get("codex").get("metrics").get("quotaUsedBytes").asLong();
        browser.navigate(page);
        browser.clickAndWait(row + " button.migrate");
        String plan = text(browser, "#archivist .archivist-confirm");
        assertTrue(plan, plan.startsWith("Migrate " + SECOND.hex() + " from bittorrent to codex? " + archives
                + " archive(s), "));
        assertTrue("nothing runs before the confirmation", community(data(), SECOND).path("migration").isMissingNode());
        assertEquals("a dry run uploads nothing", usedBefore,
                data().get("backends").get("codex").get("metrics").get("quotaUsedBytes").asLong());
        browser.screenshot(shots.resolve("archivist-1280-migration-confirm.png"));
        browser.clickAndWait("#archivist .archivist-confirm button.confirm-migration");
        assertEquals("migration of " + SECOND.hex() + " from bittorrent to codex started",
                text(browser, "#archivist .archivist-message"));
        // the row shows the migration (running with its progress bar, or already finished)
        assertTrue(text(browser, row + " .migration"), text(browser, row + " .migration")
                .startsWith("migration bittorrent → codex: "));
        Waits.until(WAIT, "the migration finished, shown by the page itself", () -> {
            String phase = browser.evaluate("(document.querySelector(\"" + row + " .migration\") || {className: ''})"
                    + ".className").asText();
            return phase.equals("migration migration-finished") ? null : phase;
        });
        JsonNode m = community(data(), SECOND).get("migration");
        assertEquals(m.toString(), "finished", m.get("phase").asText());
        assertEquals(m.toString(), archives, m.get("total").asInt());
        assertEquals(m.toString(), 100, m.get("percent").asInt());
        browser.screenshot(shots.resolve("archivist-1280-migrated.png"));

        // the gradual path: both backends; the scheduler takes the migrated Codex set as it is
        CfgFiles.merge(node.home().resolve("etc").resolve(SCHEDULER_COMMUNITY + "-second.cfg"),
                java.util.Map.of("backend", "both"));
        Waits.until(WAIT, "every archive of the second community on both backends", () -> {
            List<JsonNode> list = archiveList(data(), SECOND);
            long both = list.stream().filter(a -> "both".equals(a.get("storage").asText())).count();
            return list.size() == archives && both == archives ? null : both + " of " + list.size() + " on both";
        });
        browser.navigate(page);
        barsMatch(browser, SECOND, archiveList(data(), SECOND));
        assertEquals(archives, browser.evaluate("document.querySelectorAll(\"svg.archivist-timeline[data-community='"
                + SECOND.hex() + "'] rect.archive-bar.storage-both\").length").asInt());
        String codexNode = row + " .node[data-backend='codex']";
        assertEquals("UP", text(browser, codexNode + " .node-state"));
        assertEquals("node reachable", text(browser, codexNode + " .reachability"));
        // the backend probes the node's /space periodically: the figure follows at its next probe
        Waits.until(WAIT, "the migrated archives counted against the node's quota", () -> {
            long used = data().get("backends").get("codex").get("metrics").get("quotaUsedBytes").asLong();
            return used > usedBefore ? null : used + " bytes used, as before the migration";
        });
    }

    private static String text(HeadlessChromium browser, String selector) throws Exception {
        return browser.evaluate("(document.querySelector(\"" + selector + "\") || {textContent: '(no element)'})"
                + ".textContent").asText().trim();
    }

    private static JsonNode community(JsonNode data, CommunityId id) {
        for (JsonNode c : data.get("communities")) {
            if (c.get("community").asText().equals(id.hex())) {
                return c;
            }
        }
        throw new AssertionError("no " + id + " in " + data);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
        }
    }

    @AfterClass
    public static void stopNode() {
        if (shell != null) {
            try {
                shell.run("system:shutdown -f");
            } catch (Exception e) {
                // the JVM's shutdown hook kills it anyway
            }
        }
        if (codex != null) {
            codex.close();
        }
    }

    /** The bars drawn for the community are data.json's archives, in order, ids and ranges, each visible. */
    private static void barsMatch(HeadlessChromium browser, CommunityId id, List<JsonNode> expected) throws Exception {
        JsonNode bars = browser.evaluate("Array.from(document.querySelectorAll(\"svg.archivist-timeline[data-community='"
                + id.hex() + "'] rect.archive-bar\")).map(r => ({id: r.dataset.id, from: Number(r.dataset.from),"
                + " to: Number(r.dataset.to), width: r.getBoundingClientRect().width,"
                + " title: r.querySelector('title').textContent}))");
        assertEquals("bars of " + id + ": " + bars, expected.size(), bars.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode a = expected.get(i);
            JsonNode b = bars.get(i);
            assertEquals(a.get("id").asText(), b.get("id").asText());
            assertEquals(a.get("from").asLong(), b.get("from").asLong());
            assertEquals(a.get("to").asLong(), b.get("to").asLong());
            assertTrue("bar " + b + " is visible", b.get("width").asDouble() > 0);
            String title = b.get("title").asText();
            assertTrue(title, title.startsWith(a.get("id").asText()) && title.contains(a.get("messages").asText()
                    + " message(s)"));
        }
    }

    private JsonNode data() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/system/console/archivist/data.json")).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("karaf:karaf".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("data.json: HTTP " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    private static List<JsonNode> archiveList(JsonNode data, CommunityId id) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : data.get("communities")) {
            if (c.get("community").asText().equals(id.hex())) {
                c.get("archiveList").forEach(out::add);
            }
        }
        return out;
    }

    private static void hostCommunity(KarafInstance node, String name, CommunityId id, String key) {
        node.config(HOST_COMMUNITY + "-" + name, "communityId", id.hex())
                .config(HOST_COMMUNITY + "-" + name, "privateKey", key)
                .config(HOST_COMMUNITY + "-" + name, "topics", TestCommunity.TOPIC_HEX)
                .config(HOST_COMMUNITY + "-" + name, "controlNode", "true")
                .config(HOST_COMMUNITY + "-" + name, "joined", "true");
    }

    /** Dropped into etc/ of the running node: Configuration Admin picks it up. */
    private static void schedulerCommunity(String name, CommunityId id) throws IOException {
        CfgFiles.merge(node.home().resolve("etc").resolve(SCHEDULER_COMMUNITY + "-" + name + ".cfg"),
                java.util.Map.of("communityId", id.hex(), "backend", "bittorrent"));
    }

    /** Hands a JSONL history to the node's importer with host:load. */
    private static void load(CommunityId id, Path jsonl) throws Exception {
        try {
            String out = shell.run("host:load " + id.hex() + " " + jsonl);
            assertTrue(out, out.contains("Loaded "));
        } finally {
            Files.deleteIfExists(jsonl);
        }
    }

    /** {@code count} messages spread over {@code [from, to)}, in the JSONL format of host:load. */
    private static Path history(int seed, int count, long from, long to) throws IOException {
        Random random = new Random(seed);
        HexFormat hex = HexFormat.of();
        StringBuilder out = new StringBuilder();
        long step = Math.max(1, (to - from) / count);
        for (int i = 0; i < count; i++) {
            byte[] sig = new byte[65];
            byte[] hash = new byte[32];
            byte[] payload = new byte[40 + random.nextInt(200)];
            random.nextBytes(sig);
            random.nextBytes(hash);
            random.nextBytes(payload);
            out.append("{\"sig\":\"").append(hex.formatHex(sig)).append("\",\"timestamp\":")
                    .append(Math.min(to - 1, from + i * step)).append(",\"topic\":\"").append(TestCommunity.TOPIC_HEX)
                    .append("\",\"payload\":\"").append(hex.formatHex(payload)).append("\",\"padding\":\"\",\"hash\":\"")
                    .append(hex.formatHex(hash)).append("\"}\n");
        }
        Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "history-", ".jsonl");
        Files.writeString(file, out.toString());
        return file;
    }
}
