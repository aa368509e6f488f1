package org.archivist.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archivist.api.CommunityId;
import org.junit.jupiter.api.Test;

/** The servlet as the web console calls it: mounted at /system/console, the label first in the path info. */
class ArchivistConsolePluginTest {
    /** What the servlet did to the response. */
    static final class Recorded {
        final StringWriter body = new StringWriter();
        final Map<String, String> headers = new HashMap<>();
        String contentType;
        String redirect;
        int error;
    }

    static HttpServletRequest request(String method, String pathInfo, Map<String, String> params,
            Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> pathInfo;
                    case "getContextPath" -> "";
                    case "getServletPath" -> "/system/console";
                    case "getParameter" -> params.get((String) a[0]);
                    case "getHeader" -> headers.get((String) a[0]);
                    case "getProtocol" -> "HTTP/1.1";
                    default -> null;
                });
    }

    static HttpServletResponse response(Recorded r) {
        PrintWriter writer = new PrintWriter(r.body);
        return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getWriter" -> {
                            return writer;
                        }
                        case "setContentType" -> r.contentType = (String) a[0];
                        case "setHeader" -> r.headers.put((String) a[0], (String) a[1]);
                        case "sendRedirect" -> r.redirect = (String) a[0];
                        case "sendError" -> r.error = (Integer) a[0];
                        default -> {
                        }
                    }
                    return null;
                });
    }

    static Recorded call(ArchivistConsolePlugin plugin, String method, String pathInfo, Map<String, String> params,
            Map<String, String> headers) throws Exception {
        Recorded r = new Recorded();
        plugin.service(request(method, pathInfo, params, headers), response(r));
        return r;
    }

    /** A migration runner that plans and migrates at once, recording the runs. */
    static final class FakeRunner implements MigrationRunner {
        final List<CommunityId> runs = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public String plan(CommunityId community, String source, String target) {
            return "3 archive(s), 12.0 KiB on " + source;
        }

        @Override
        public MigrationState migrate(CommunityId community, String source, String target,
                java.util.function.Consumer<MigrationState> progress) {
            progress.accept(new MigrationState(source, target, MigrationState.Phase.RUNNING, 1, 3, 4096, 12288, "stored"));
            runs.add(community);
            return new MigrationState(source, target, MigrationState.Phase.FINISHED, 3, 3, 12288, 12288, "done: 3 verified");
        }
    }

    final FakeArchiveService service = ArchivistPageTest.service();
    final FakeRunner runner = new FakeRunner();
    final ArchivistConsolePlugin plugin = new ArchivistConsolePlugin(service, runner,
            Clock.fixed(ArchivistPageTest.NOW, ZoneOffset.UTC));
    static final Map<String, String> SAME_ORIGIN = Map.of("Origin", "http://127.0.0.1:8181", "Host", "127.0.0.1:8181");

    Map<String, String> form(String action, CommunityId id, String... more) {
        Map<String, String> m = new HashMap<>(Map.of("action", action, "community", id.hex(), "csrf", plugin.csrfToken()));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    static String query(String redirect, String name) {
        for (String part : redirect.substring(redirect.indexOf('?') + 1).split("&")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return null;
    }

    @Test
    void theJsonPathAnswersJson() throws Exception {
        Recorded r = call(plugin, "GET", "/archivist/data.json", Map.of(), Map.of());
        assertEquals("application/json", r.contentType);
        assertEquals(3, new ObjectMapper().readTree(r.body.toString()).get("communities").size());
        assertEquals("no-store", r.headers.get("Cache-Control"));
    }

    @Test
    void thePageLinksTheJsonAndItsFormsPostToItselfWithTheToken() throws Exception {
        Recorded r = call(plugin, "GET", "/archivist", Map.of(), Map.of());
        assertEquals("text/html", r.contentType);
        String html = r.body.toString();
        assertTrue(html.contains("href=\"/system/console/archivist/data.json\""), html);
        assertTrue(html.contains("<form method=\"post\" action=\"/system/console/archivist\">"), html);
        assertEquals(ArchivistPageTest.count(html, "<form "), ArchivistPageTest.count(html,
                "name=\"csrf\" value=\"" + plugin.csrfToken() + "\""));
    }

    @Test
    void archiveNowRedirectsAtOnceShowsTheCommunityArchivingAndTheNewBarWhenTheRunEnds() throws Exception {
        service.gate = new java.util.concurrent.CountDownLatch(1);
        try {
            Recorded r = call(plugin, "POST", "/archivist", form("archive", ArchivistPageTest.EMPTY), SAME_ORIGIN);
            // the request came back while the run still waits at the gate
            assertTrue(r.redirect.startsWith("/system/console/archivist?done="), r.redirect);
            assertEquals(List.of(), service.archived);
            String html = call(plugin, "GET", "/archivist", Map.of("done", query(r.redirect, "done")), Map.of()).body
                    .toString();
            assertTrue(html.contains("archive run started for " + ArchivistPageTest.EMPTY.hex()), html);
            String row = ArchivistPageTest.row(html, ArchivistPageTest.EMPTY);
            assertTrue(row.contains("<div class=\"archiving\" role=\"status\">archiving now&hellip;</div>"), row);
            assertFalse(row.contains("class=\"archive-now\""), "no second run while one runs: " + row);
            assertTrue(html.contains("<div id=\"archivist\" data-busy=\"true\""), "the page polls while busy");
            JsonNode empty = community(call(plugin, "GET", "/archivist/data.json", Map.of(), Map.of()),
                    ArchivistPageTest.EMPTY);
            assertTrue(empty.get("running").asBoolean(), empty.toString());
            Recorded again = call(plugin, "POST", "/archivist", form("archive", ArchivistPageTest.EMPTY), SAME_ORIGIN);
            assertTrue(call(plugin, "GET", "/archivist", Map.of("done", query(again.redirect, "done")), Map.of()).body
                    .toString().contains("an archive run of " + ArchivistPageTest.EMPTY.hex() + " is already running"));
        } finally {
            service.gate.countDown();
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode empty;
        do {
            Thread.sleep(10);
            empty = community(call(plugin, "GET", "/archivist/data.json", Map.of(), Map.of()), ArchivistPageTest.EMPTY);
        } while (empty.get("running").asBoolean() && System.nanoTime() < deadline);
        assertFalse(empty.get("running").asBoolean(), empty.toString());
        assertEquals(List.of(ArchivistPageTest.EMPTY), service.archived, "one run, however often it was asked");
        assertEquals(1, empty.get("archiveList").size());
        assertTrue(empty.get("lastRunFromPage").get("ok").asBoolean(), empty.toString());
        String html = call(plugin, "GET", "/archivist", Map.of(), Map.of()).body.toString();
        assertEquals(4, ArchivistPageTest.count(html, "<rect class=\"archive-bar"));
        String row = ArchivistPageTest.row(html, ArchivistPageTest.EMPTY);
        assertTrue(row.contains("<div class=\"run-outcome run-ok\">archive run finished at"), row);
        assertTrue(row.contains("class=\"archive-now\""), row);
        assertTrue(html.contains("<div id=\"archivist\" data-busy=\"false\""), html);
    }

    @Test
    void aFailedRunFromThePageIsShownInItsRow() throws Exception {
        ArchivistConsolePlugin p = new ArchivistConsolePlugin(new FakeArchiveService() {
            @Override
            public void archiveNow(CommunityId id) throws org.archivist.api.ArchivistException {
                throw new org.archivist.api.ArchivistException("backend bittorrent is down");
            }
        }.with(new org.archivist.api.service.CommunityArchiveStatus(ArchivistPageTest.OURS,
                java.util.Set.of("bittorrent"), true, java.util.OptionalLong.empty(), java.util.Set.of(), 0, 0),
                Map.of()), null, Clock.systemUTC());
        Recorded r = call(p, "POST", "/archivist", Map.of("action", "archive", "community", ArchivistPageTest.OURS.hex(),
                "csrf", p.csrfToken()), SAME_ORIGIN);
        assertTrue(r.redirect != null);
        long deadline = System.nanoTime() + 60_000_000_000L;
        String html;
        do {
            Thread.sleep(10);
            html = call(p, "GET", "/archivist", Map.of(), Map.of()).body.toString();
        } while (!html.contains("run-outcome") && System.nanoTime() < deadline);
        assertTrue(html.contains("<div class=\"run-outcome run-failed error\">archive run failed: backend bittorrent"
                + " is down at "), html);
    }

    static JsonNode community(Recorded json, CommunityId id) throws Exception {
        for (JsonNode c : new ObjectMapper().readTree(json.body.toString()).get("communities")) {
            if (c.get("community").asText().equals(id.hex())) {
                return c;
            }
        }
        throw new AssertionError("no " + id + " in " + json.body);
    }

    @Test
    void aMigrationIsPlannedThenStartedOnlyOnConfirmation() throws Exception {
        Recorded planned = call(plugin, "POST", "/archivist", form("migrate", ArchivistPageTest.OURS), SAME_ORIGIN);
        String confirm = query(planned.redirect, "confirm");
        assertTrue(confirm != null, planned.redirect);
        assertEquals(List.of(), runner.runs, "nothing runs before the confirmation");
        String html = call(plugin, "GET", "/archivist", Map.of("done", query(planned.redirect, "done"), "confirm",
                confirm), Map.of()).body.toString();
        assertTrue(html.contains("class=\"archivist-confirm\""), html);
        assertTrue(html.contains("3 archive(s), 12.0 KiB on bittorrent"), html);
        assertTrue(html.contains("name=\"confirmation\" value=\"" + confirm + "\""), html);
        // a forged or reused confirmation starts nothing
        Recorded forged = call(plugin, "POST", "/archivist", form("confirm-migration", ArchivistPageTest.OURS,
                "confirmation", "not-a-token"), SAME_ORIGIN);
        assertTrue(call(plugin, "GET", "/archivist", Map.of("done", query(forged.redirect, "done")), Map.of()).body
                .toString().contains("is waiting for confirmation"));
        call(plugin, "POST", "/archivist", form("confirm-migration", ArchivistPageTest.OURS, "confirmation", confirm),
                SAME_ORIGIN);
        long deadline = System.currentTimeMillis() + 5000;
        while (runner.runs.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(ArchivistPageTest.OURS), runner.runs);
        String json = "";
        while (!json.contains("\"finished\"") && System.currentTimeMillis() < deadline) {
            json = call(plugin, "GET", "/archivist/data.json", Map.of(), Map.of()).body.toString();
        }
        assertTrue(json.contains("\"phase\" : \"finished\""), json);
        Recorded again = call(plugin, "POST", "/archivist", form("confirm-migration", ArchivistPageTest.OURS,
                "confirmation", confirm), SAME_ORIGIN);
        assertTrue(call(plugin, "GET", "/archivist", Map.of("done", query(again.redirect, "done")), Map.of()).body
                .toString().contains("is waiting for confirmation"), "a confirmation is used once");
        assertEquals(1, runner.runs.size());
    }

    @Test
    void aRunningMigrationShowsItsProgressInTheRowAndTheJson() throws Exception {
        java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        MigrationRunner slow = new MigrationRunner() {
            @Override
            public String plan(CommunityId community, String source, String target) {
                return "3 archive(s)";
            }

            @Override
            public MigrationState migrate(CommunityId community, String source, String target,
                    java.util.function.Consumer<MigrationState> progress) throws org.archivist.api.ArchivistException {
                progress.accept(new MigrationState(source, target, MigrationState.Phase.RUNNING, 1, 3, 4096, 12288,
                        "stored archive 1 of 3"));
                reported.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new MigrationState(source, target, MigrationState.Phase.FINISHED, 3, 3, 12288, 12288, "done");
            }
        };
        ArchivistConsolePlugin p = new ArchivistConsolePlugin(service, slow, Clock.fixed(ArchivistPageTest.NOW,
                ZoneOffset.UTC));
        try {
            Recorded planned = call(p, "POST", "/archivist", Map.of("action", "migrate", "community",
                    ArchivistPageTest.OURS.hex(), "csrf", p.csrfToken()), SAME_ORIGIN);
            call(p, "POST", "/archivist", Map.of("action", "confirm-migration", "community", ArchivistPageTest.OURS.hex(),
                    "csrf", p.csrfToken(), "confirmation", query(planned.redirect, "confirm")), SAME_ORIGIN);
            assertTrue(reported.await(60, java.util.concurrent.TimeUnit.SECONDS));
            String html = call(p, "GET", "/archivist", Map.of(), Map.of()).body.toString();
            String row = ArchivistPageTest.row(html, ArchivistPageTest.OURS);
            assertTrue(row.contains("<div class=\"migration migration-running\">migration bittorrent &rarr; codex: running"
                    + " <progress max=\"100\" value=\"33\">33%</progress> 33%<div class=\"detail\">stored archive 1 of 3"),
                    row);
            assertFalse(row.contains("class=\"migrate\""), "no second migration while one runs: " + row);
            assertTrue(html.contains("data-busy=\"true\""), "the page polls while a migration runs");
            JsonNode m = community(call(p, "GET", "/archivist/data.json", Map.of(), Map.of()), ArchivistPageTest.OURS)
                    .get("migration");
            assertEquals("running", m.get("phase").asText());
            assertEquals(1, m.get("archive").asInt());
            assertEquals(33, m.get("percent").asInt());
        } finally {
            release.countDown();
        }
    }

    @Test
    void thePageShowsOnlyOutcomesItWroteNotTextFromTheQuery() throws Exception {
        Recorded page = call(plugin, "GET", "/archivist", Map.of("done", "your node is compromised: call evil"),
                Map.of());
        assertFalse(page.body.toString().contains("compromised"), page.body.toString());
        assertFalse(page.body.toString().contains("<p class=\"archivist-message\""), page.body.toString());
    }

    @Test
    void crossOriginPostsAndPostsWithoutTheTokenAreRefusedAndDoNothing() throws Exception {
        Recorded r = call(plugin, "POST", "/archivist", form("archive", ArchivistPageTest.OURS),
                Map.of("Origin", "http://evil.example", "Host", "127.0.0.1:8181"));
        assertEquals(HttpServletResponse.SC_FORBIDDEN, r.error);
        Recorded noToken = call(plugin, "POST", "/archivist",
                Map.of("action", "archive", "community", ArchivistPageTest.OURS.hex()), SAME_ORIGIN);
        assertEquals(HttpServletResponse.SC_FORBIDDEN, noToken.error);
        assertEquals(List.of(), service.archived);
    }

    @Test
    void withoutTheServiceThePageSaysSoAndJsonIsUnavailable() throws Exception {
        ArchivistConsolePlugin none = new ArchivistConsolePlugin(null, null, Clock.systemUTC());
        assertTrue(call(none, "GET", "/archivist", Map.of(), Map.of()).body.toString()
                .contains("The archive service is not running."));
        assertEquals(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                call(none, "GET", "/archivist/data.json", Map.of(), Map.of()).error);
    }
}
