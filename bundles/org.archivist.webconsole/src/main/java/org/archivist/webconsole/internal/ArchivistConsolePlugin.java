package org.archivist.webconsole.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.LinkKind;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Archivist" page of the Apache Felix Web Console. A plain servlet: the console wraps every {@link Servlet}
 * service carrying {@value #LABEL_PROPERTY}, draws its frame around what {@code GET} writes, and puts its own
 * authentication in front of every request. {@code GET /system/console/archivist} is the page,
 * {@code GET /system/console/archivist/data.json} the same data as JSON (a path with an extension: the console
 * passes it through without its frame), {@code POST /system/console/archivist} with {@code action=archive} and
 * {@code community=0x..} archives now and redirects back to the page.
 */
@Component(service = Servlet.class, property = {
        ArchivistConsolePlugin.LABEL_PROPERTY + "=" + ArchivistConsolePlugin.LABEL,
        "felix.webconsole.title=Archivist",
        "felix.webconsole.category=Archivist" })
public final class ArchivistConsolePlugin extends HttpServlet {
    static final String LABEL_PROPERTY = "felix.webconsole.label";
    static final String LABEL = "archivist";
    static final String JSON_PATH = "/data.json";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ArchivistConsolePlugin.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ArchiveService service;

    private transient Clock clock = Clock.systemUTC();
    private final transient Outcomes outcomes = new Outcomes();

    public ArchivistConsolePlugin() {
    }

    /** Outside OSGi (tests): a given service and clock. */
    ArchivistConsolePlugin(ArchiveService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ArchiveService s = service;
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.endsWith(JSON_PATH)) {
            if (s == null) {
                resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the archive service is not running");
                return;
            }
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.getWriter().write(StatusJson.render(rows(s), clock.instant()));
            return;
        }
        resp.setContentType("text/html");
        resp.setCharacterEncoding("UTF-8");
        Optional<String> message = outcomes.get(req.getParameter("done"));
        resp.getWriter().write(StatusPage.render(s == null ? List.of() : rows(s), clock.instant(), self(req),
                message, s == null ? Optional.of("The archive service is not running.") : Optional.empty()));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!sameOrigin(req.getHeader("Origin"), req.getHeader("Host"))) {
            // the console's basic authentication is replayed by browsers: refuse posts from other sites' pages
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, "cross-origin post refused");
            return;
        }
        String outcome = archive(service, req.getParameter("action"), req.getParameter("community"));
        resp.sendRedirect(self(req) + "?done=" + outcomes.put(outcome));
    }

    /** Carries out an action; the sentence to show the operator. */
    static String archive(ArchiveService s, String action, String community) {
        if (!"archive".equals(action)) {
            return "unknown action";
        }
        if (s == null) {
            return "the archive service is not running";
        }
        CommunityId id;
        try {
            id = CommunityId.of(community);
        } catch (IllegalArgumentException e) {
            return "not a community id";
        }
        try {
            s.archiveNow(id);
            return "archive run finished for " + id;
        } catch (ArchivistException | RuntimeException e) {
            LOG.warn("archive now failed for {}", id, e);
            return "archive now failed for " + id + ": " + e.getMessage();
        }
    }

    /** Whether a post comes from this host's own pages: no Origin header (not a browser), or the same host. */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        try {
            java.net.URI o = java.net.URI.create(origin);
            String authority = o.getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static List<CommunityRow> rows(ArchiveService s) {
        List<CommunityRow> rows = new ArrayList<>();
        for (CommunityArchiveStatus c : s.communities()) {
            Map<String, Long> clocks = new TreeMap<>();
            Optional<String> error = Optional.empty();
            try {
                for (Map.Entry<LinkKind, Long> e : s.linkClocks(c.community()).entrySet()) {
                    clocks.put(e.getKey().name(), e.getValue());
                }
            } catch (ArchivistException | RuntimeException e) {
                error = Optional.of("link clocks: " + e.getMessage());
            }
            rows.add(new CommunityRow(c, clocks, error));
        }
        rows.sort(java.util.Comparator.comparing(r -> r.status().community()));
        return rows;
    }

    /** The plugin's own path, {@code /system/console/archivist} as the console mounts it. */
    private static String self(HttpServletRequest req) {
        return req.getContextPath() + req.getServletPath() + "/" + LABEL;
    }
}
