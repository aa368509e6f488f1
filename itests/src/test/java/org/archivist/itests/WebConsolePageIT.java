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
 * {@code itests/target/screenshots/}.
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
        node = new KarafInstance(home)
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
            browser.screenshot(shots.resolve("archivist-1280.png"));

            List<JsonNode> before = archiveList(data, TestCommunity.ID);
            long lastEnd = before.get(before.size() - 1).get("to").asLong();
            load(TestCommunity.ID, history(3, 20, lastEnd, lastEnd + 1));
            Thread.sleep(1500); // the run archives up to now: now must be past the new messages
            browser.clickAndWait("tr.community[data-community='" + TestCommunity.ID.hex() + "'] button.archive-now");
            assertEquals("archive run finished for " + TestCommunity.ID.hex(), browser.evaluate(
                    "document.querySelector('#archivist .archivist-message').textContent").asText());
            List<JsonNode> after = archiveList(data(), TestCommunity.ID);
            assertEquals(before.size() + 1, after.size());
            assertEquals(lastEnd, after.get(after.size() - 1).get("from").asLong());
            barsMatch(browser, TestCommunity.ID, after);
            browser.screenshot(shots.resolve("archivist-1280-after-archive-now.png"));
            browser.clickAndWait("tr.community[data-community='" + SECOND.hex() + "'] button.verify");
            assertEquals("verified: all " + archiveList(data, SECOND).size() + " archive(s) of " + SECOND.hex()
                    + " are sound", browser.evaluate("document.querySelector('#archivist .archivist-message')"
                            + ".textContent").asText());

            browser.viewport(390, 844, true);
            browser.navigate(page);
            assertEquals("block", browser.evaluate("getComputedStyle(document.querySelector("
                    + "'#archivist tr.community td.backends')).display").asText());
            assertTrue("the timelines are drawn at phone width", browser.evaluate("Array.from(document.querySelectorAll("
                    + "'#archivist svg.archivist-timeline')).every(t => t.getBoundingClientRect().width > 100)")
                    .asBoolean());
            barsMatch(browser, TestCommunity.ID, after);
            browser.screenshot(shots.resolve("archivist-390.png"));
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
