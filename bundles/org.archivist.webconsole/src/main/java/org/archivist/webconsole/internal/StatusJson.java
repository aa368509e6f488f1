package org.archivist.webconsole.internal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The page's data as JSON, for monitoring tools: the same fields as the table. */
final class StatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {
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
            c.put("archives", s.archives());
            c.put("imported", s.imported());
            s.links().stream().sorted().forEach(c.putArray("links")::add);
            ObjectNode clocks = c.putObject("linkClocks");
            r.linkClocks().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> clocks.put(e.getKey(), e.getValue()));
            r.clockError().ifPresent(e -> c.put("linkClocksError", e));
            c.put("paused", s.paused());
            s.unavailableBackends().stream().sorted().forEach(c.putArray("unavailableBackends")::add);
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
    }
}
