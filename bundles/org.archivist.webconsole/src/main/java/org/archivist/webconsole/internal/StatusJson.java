package org.archivist.webconsole.internal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archivist.api.service.ArchiveSummary;

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

    static String render(List<CommunityRow> rows, Instant now) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("generatedAt", now.getEpochSecond());
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
            c.put("archives", r.archives().isEmpty() ? s.archives() : r.archives().size());
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
