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

import com.fasterxml.jackson.databind.ObjectMapper;
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

    final FakeArchiveService service = ArchivistPageTest.service();
    final ArchivistConsolePlugin plugin = new ArchivistConsolePlugin(service,
            Clock.fixed(ArchivistPageTest.NOW, ZoneOffset.UTC));

    @Test
    void theJsonPathAnswersJson() throws Exception {
        Recorded r = call(plugin, "GET", "/archivist/data.json", Map.of(), Map.of());
        assertEquals("application/json", r.contentType);
        assertEquals(3, new ObjectMapper().readTree(r.body.toString()).get("communities").size());
    }

    @Test
    void thePageLinksTheJsonAndPostsToItself() throws Exception {
        Recorded r = call(plugin, "GET", "/archivist", Map.of(), Map.of());
        assertEquals("text/html", r.contentType);
        String html = r.body.toString();
        assertTrue(html.contains("href=\"/system/console/archivist/data.json\""), html);
        assertTrue(html.contains("<form method=\"post\" action=\"/system/console/archivist\">"), html);
    }

    @Test
    void archiveNowPostsRunAndRedirectToThePageWithTheOutcome() throws Exception {
        Recorded r = call(plugin, "POST", "/archivist",
                Map.of("action", "archive", "community", ArchivistPageTest.EMPTY.hex()),
                Map.of("Origin", "http://127.0.0.1:8181", "Host", "127.0.0.1:8181"));
        assertEquals(List.of(ArchivistPageTest.EMPTY), service.archived);
        assertTrue(r.redirect.startsWith("/system/console/archivist?done="), r.redirect);
        String done = r.redirect.substring(r.redirect.indexOf('=') + 1);
        Recorded page = call(plugin, "GET", "/archivist", Map.of("done", done), Map.of());
        assertTrue(page.body.toString().contains("archive run finished for " + ArchivistPageTest.EMPTY.hex()));
        assertEquals(3, ArchivistPageTest.count(page.body.toString(), "<rect class=\"archive-bar"));
    }

    @Test
    void thePageShowsOnlyOutcomesItWroteNotTextFromTheQuery() throws Exception {
        Recorded page = call(plugin, "GET", "/archivist", Map.of("done", "your node is compromised: call evil"),
                Map.of());
        assertFalse(page.body.toString().contains("compromised"), page.body.toString());
        assertFalse(page.body.toString().contains("<p class=\"archivist-message\">"), page.body.toString());
    }

    @Test
    void crossOriginPostsAreRefusedAndArchiveNothing() throws Exception {
        Recorded r = call(plugin, "POST", "/archivist",
                Map.of("action", "archive", "community", ArchivistPageTest.OURS.hex()),
                Map.of("Origin", "http://evil.example", "Host", "127.0.0.1:8181"));
        assertEquals(HttpServletResponse.SC_FORBIDDEN, r.error);
        assertEquals(List.of(), service.archived);
    }

    @Test
    void withoutTheServiceThePageSaysSoAndJsonIsUnavailable() throws Exception {
        ArchivistConsolePlugin none = new ArchivistConsolePlugin(null, Clock.systemUTC());
        assertTrue(call(none, "GET", "/archivist", Map.of(), Map.of()).body.toString()
                .contains("The archive service is not running."));
        assertEquals(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                call(none, "GET", "/archivist/data.json", Map.of(), Map.of()).error);
    }
}
