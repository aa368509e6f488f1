package org.archivist.webconsole.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.StorageUsage;

/** The page's data as JSON, for monitoring tools: the same fields as the table. */
final class StatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {
    }

    /** An instant as Unix seconds, or null. */
    private static void putTime(ObjectNode o, String field, java.util.Optional<Instant> at) {
        if (at.isPresent()) {
            o.put(field, at.get().getEpochSecond());
        } else {
            o.putNull(field);
        }
    }

    /** A backend's state, detail and figures (numbers stay numbers); Codex's reachability. */
    private static void backend(ObjectNode o, BackendView v) {
        o.put("state", v.state().name());
        o.put("detail", v.detail());
        if (Storage.CODEX.equals(v.type())) {
            o.put("reachable", v.up());
        }
        ObjectNode m = o.putObject("metrics");
        v.metrics().forEach((k, val) -> {
            if (k.startsWith(BackendView.PEERS + ".")) {
                return; // a community's own peers: in its row's backendStates, not repeated in every one
            }
            if (val instanceof Long || val instanceof Integer || val instanceof Short || val instanceof Byte) {
                m.put(k, ((Number) val).longValue());
            } else if (val instanceof Number n) {
                m.put(k, n.doubleValue());
            } else if (val instanceof Boolean bool) {
                m.put(k, bool);
            } else {
                m.put(k, String.valueOf(val));
            }
        });
    }

    static String render(List<CommunityRow> rows, Instant now) {
        return render(rows, Map.of(), now);
    }

    static String render(List<CommunityRow> rows, Map<String, BackendView> backends, Instant now) {
        return render(rows, backends, Optional.empty(), now);
    }

    static String render(List<CommunityRow> rows, Map<String, BackendView> backends, Optional<StorageUsage> storage,
            Instant now) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("generatedAt", now.getEpochSecond());
        storage.ifPresent(u -> {
            ObjectNode o = root.putObject("storage");
            o.put("usedBytes", u.usedBytes());
            o.put("maxBytes", u.maxBytes());
        });
        ObjectNode b = root.putObject("backends");
        backends.values().forEach(v -> backend(b.putObject(v.type()), v));
        ArrayNode list = root.putArray("communities");
        for (CommunityRow r : rows) {
            var s = r.status();
            ObjectNode c = list.addObject();
            c.put("community", s.community().hex());
            c.put("role", r.role());
            s.backends().stream().sorted().forEach(c.putArray("backends")::add);
            if (s.lastArchiveEnd().isPresent()) {
                c.put("lastArchiveEnd", s.lastArchiveEnd().getAsLong());
            } else {
                c.putNull("lastArchiveEnd");
            }
            c.put("archives", r.archives().isEmpty() || !s.controlNode() ? s.archives() : r.archives().size());
            ObjectNode by = c.putObject("archivesByAvailability");
            r.byAvailability().forEach((k, n) -> by.put(Availabilities.name(k), n));
            c.put("running", r.running());
            r.runOutcome().ifPresent(o -> {
                ObjectNode run = c.putObject("lastRunFromPage");
                run.put("ok", o.ok());
                run.put("at", o.at().getEpochSecond());
                run.put("tookMillis", o.took().toMillis());
                run.put("text", o.text());
            });
            ObjectNode nodes = c.putObject("backendStates");
            for (NodeState n : r.nodes()) {
                ObjectNode o = nodes.putObject(n.backend());
                if (n.view().isPresent()) {
                    backend(o, n.view().get());
                } else {
                    o.put("state", "NOT_RUNNING");
                }
                n.seeding().ifPresent(sd -> o.put("seeding", sd));
                n.communityPeers().ifPresent(peers -> o.put("peers", peers));
            }
            c.put("imported", s.imported());
            putTime(c, "nextRun", s.nextRun());
            Activity.Snapshot act = r.activity();
            putTime(c, "lastRun", act.lastRun());
            c.put("failures", act.failures());
            if (act.lastError().isPresent()) {
                c.put("lastError", act.lastError().get());
            } else {
                c.putNull("lastError");
            }
            putTime(c, "lastErrorAt", act.lastErrorAt());
            c.put("bytesStored", act.bytesStored());
            c.put("bytesFetched", act.bytesFetched());
            s.links().stream().sorted().forEach(c.putArray("links")::add);
            ObjectNode clocks = c.putObject("linkClocks");
            r.linkClocks().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> clocks.put(e.getKey(), e.getValue()));
            r.clockError().ifPresent(e -> c.put("linkClocksError", e));
            c.put("paused", s.paused());
            s.unavailableBackends().stream().sorted().forEach(c.putArray("unavailableBackends")::add);
            ArrayNode archives = c.putArray("archiveList");
            for (ArchiveSummary a : r.archives()) {
                ObjectNode o = archives.addObject();
                o.put("id", a.id());
                o.put("from", a.range().from());
                o.put("to", a.range().to());
                if (a.bytes().isPresent()) {
                    o.put("bytes", a.bytes().getAsLong());
                } else {
                    o.putNull("bytes");
                }
                if (a.messages().isPresent()) {
                    o.put("messages", a.messages().getAsInt());
                } else {
                    o.putNull("messages");
                }
                a.storedOn().stream().sorted().forEach(o.putArray("storedOn")::add);
                o.put("storage", Storage.of(a.storedOn()));
                o.put("verified", a.verified());
                o.put("availability", Availabilities.name(a.availability()));
            }
            r.archivesError().ifPresent(e -> c.put("archiveListError", e));
            r.migration().ifPresent(m -> {
                ObjectNode o = c.putObject("migration");
                o.put("source", m.source());
                o.put("target", m.target());
                o.put("phase", m.phase().name().toLowerCase(java.util.Locale.ROOT));
                o.put("archive", m.archive());
                o.put("total", m.total());
                o.put("bytesDone", m.bytesDone());
                o.put("bytesTotal", m.bytesTotal());
                o.put("percent", m.percent());
                o.put("detail", m.text());
            });
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
    }
}
