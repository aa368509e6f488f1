package org.archivist.webconsole.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.archivist.api.ArchivistException;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.StorageUsage;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The "Archivist" page of the Apache Felix Web Console. A plain servlet: the console wraps every {@link Servlet}
 * service carrying {@value #LABEL_PROPERTY}, draws its frame around what {@code GET} writes, and puts its own
 * authentication in front of every request. {@code GET /system/console/archivist} is the page,
 * {@code GET /system/console/archivist/data.json} the same data as JSON (a path with an extension: the console
 * passes it through without its frame), {@code POST /system/console/archivist} with {@code action} ({@code
 * archive}, {@code verify}, {@code migrate}, {@code confirm-migration}), {@code community=0x..} and the page's
 * form token ({@value CsrfGuard#PARAMETER}) acts and redirects back to the page.
 */
@Component(service = {Servlet.class, EventHandler.class}, property = {
        ArchivistConsolePlugin.LABEL_PROPERTY + "=" + ArchivistConsolePlugin.LABEL,
        EventConstants.EVENT_TOPIC + "=" + ArchiveEvent.TOPIC_PREFIX + "*",
        "felix.webconsole.title=Archivist",
        "felix.webconsole.category=Archivist" })
public final class ArchivistConsolePlugin extends HttpServlet implements EventHandler {
    static final String LABEL_PROPERTY = "felix.webconsole.label";
    static final String LABEL = "archivist";
    static final String JSON_PATH = "/data.json";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ArchiveService service;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MigrationRunner migrationRunner;

    private final transient Clock clock;
    private final transient Tokens<String> outcomes = new Tokens<>();
    private final transient Migrations migrations = new Migrations();
    private final transient ArchiveRuns runs;
    private final transient Actions actions;
    private final transient CsrfGuard csrf = new CsrfGuard(new SecureRandom());
    private final transient Activity activity = new Activity();
    private final transient Backends backends = new Backends();

    public ArchivistConsolePlugin() {
        this(null, null, Clock.systemUTC());
    }

    /** Outside OSGi (tests): a given service, migration runner (may be null) and clock. */
    ArchivistConsolePlugin(ArchiveService service, MigrationRunner migrationRunner, Clock clock) {
        this.service = service;
        this.migrationRunner = migrationRunner;
        this.clock = clock;
        this.runs = new ArchiveRuns(clock);
        this.actions = new Actions(migrations, runs);
    }

    /** Every storage backend, to show its state and figures (BitTorrent's peers, Codex's reachability and quota). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBackend(StorageBackend backend, Map<String, Object> properties) {
        backends.add(type(properties), backend);
    }

    void unbindBackend(StorageBackend backend, Map<String, Object> properties) {
        backends.remove(type(properties), backend);
    }

    private static String type(Map<String, Object> properties) {
        return properties.get(StorageBackend.TYPE_PROPERTY) instanceof String t ? t : null;
    }

    /** Outside OSGi (tests): a backend as the service registry would bind it. */
    ArchivistConsolePlugin withBackend(String type, StorageBackend backend) {
        backends.add(type, backend);
        return this;
    }

    /** The scheduler's archive events: failures, bytes and runs per community, shown in its row. */
    @Override
    public void handleEvent(Event event) {
        activity.on(event, clock.instant());
    }

    String csrfToken() {
        return csrf.token();
    }

    /** The node's storage for archives, when the service measures it; a failing call shows none. */
    private static Optional<StorageUsage> storage(ArchiveService s) {
        try {
            return s.storageUsage();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ArchiveService s = service;
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        resp.setHeader("Cache-Control", "no-store");
        if (path.endsWith(JSON_PATH)) {
            if (s == null) {
                resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the archive service is not running");
                return;
            }
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            Map<String, BackendView> views = backends.views();
            resp.getWriter().write(StatusJson.render(rows(s, views), views, storage(s), clock.instant()));
            return;
        }
        resp.setContentType("text/html");
        resp.setCharacterEncoding("UTF-8");
        Map<String, BackendView> views = backends.views();
        StatusPage.Context page = new StatusPage.Context(self(req), csrf.token(), migrationRunner != null,
                outcomes.get(req.getParameter("done")), actions.pending(req.getParameter("confirm")),
                s == null ? Optional.of("The archive service is not running.") : Optional.empty(), views,
                s == null ? Optional.empty() : storage(s));
        resp.getWriter().write(StatusPage.render(s == null ? List.of() : rows(s, views), clock.instant(), page));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String refusal = csrf.refusal(req.getParameter(CsrfGuard.PARAMETER), req.getHeader("Origin"),
                req.getHeader("Host"));
        if (refusal != null) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, refusal);
            return;
        }
        Actions.Result r = actions.perform(service, Optional.ofNullable(migrationRunner), req.getParameter("action"),
                req.getParameter("community"), req.getParameter("confirmation"));
        String to = self(req) + "?done=" + outcomes.put(r.message())
                + r.confirmation().map(c -> "&confirm=" + c).orElse("");
        resp.sendRedirect(to);
    }

    /** Every community's row, sorted by id; what could not be read is shown as such, never fails the page. */
    List<CommunityRow> rows(ArchiveService s) {
        return rows(s, backends.views());
    }

    /** Every community's row with the given backend states. */
    List<CommunityRow> rows(ArchiveService s, Map<String, BackendView> views) {
        List<CommunityRow> rows = new ArrayList<>();
        for (CommunityArchiveStatus c : s.communities()) {
            Map<String, Long> clocks = new TreeMap<>();
            Optional<String> clockError = Optional.empty();
            try {
                for (Map.Entry<LinkKind, Long> e : s.linkClocks(c.community()).entrySet()) {
                    clocks.put(e.getKey().name(), e.getValue());
                }
            } catch (ArchivistException | RuntimeException e) {
                clockError = Optional.of("link clocks: " + e.getMessage());
            }
            List<ArchiveSummary> archives = List.of();
            Optional<String> archivesError = Optional.empty();
            try {
                archives = s.archiveSummaries(c.community());
            } catch (ArchivistException | RuntimeException e) {
                archivesError = Optional.of("archives: " + e.getMessage());
            }
            Activity.Snapshot act = activity.of(c.community());
            rows.add(new CommunityRow(c, clocks, clockError, archives, archivesError,
                    migrations.state(c.community()), act, NodeState.of(c, act, views),
                    runs.running(c.community()) || act.archiving(), runs.last(c.community())));
        }
        rows.sort(Comparator.comparing(r -> r.status().community()));
        return rows;
    }

    @Deactivate
    void deactivate() {
        migrations.close();
        runs.close();
    }

    /** The plugin's own path, {@code /system/console/archivist} as the console mounts it. */
    private static String self(HttpServletRequest req) {
        return req.getContextPath() + req.getServletPath() + "/" + LABEL;
    }
}
