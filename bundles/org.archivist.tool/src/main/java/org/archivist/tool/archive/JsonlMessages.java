package org.archivist.tool.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Messages as JSON lines: {@code {"sig":"..","timestamp":<unix s>,"topic":"<8 hex>","payload":"..",
 * "padding":"..","hash":".."}} with hex byte fields (an optional {@code "thirdPartyId"} string). Blank
 * lines are skipped; a bad line is an error naming its number.
 */
final class JsonlMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlMessages() {
    }

    static List<ArchivedMessage> read(Path file) throws IOException {
        List<ArchivedMessage> messages = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    messages.add(parse(JSON.readTree(line)));
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        }
        return messages;
    }

    static ArchivedMessage parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode ts = node.get("timestamp");
        if (ts == null || !ts.canConvertToLong() || ts.asLong() < 0) {
            throw new IllegalArgumentException("\"timestamp\" must be Unix seconds (a non-negative whole number)");
        }
        JsonNode topic = node.get("topic");
        if (topic == null || !topic.isTextual()) {
            throw new IllegalArgumentException("\"topic\" (8 hex digits) is missing");
        }
        JsonNode thirdParty = node.get("thirdPartyId");
        return new ArchivedMessage(bytes(node, "sig"), ts.asLong(), ContentTopic.of(topic.asText()),
                bytes(node, "payload"), bytes(node, "padding"), bytes(node, "hash"),
                thirdParty == null ? "" : thirdParty.asText());
    }

    private static byte[] bytes(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return new byte[0];
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a hex string");
        }
        return Hex.parse("\"" + field + "\"", v.asText());
    }

    /** One message as a JSON line, the inverse of {@link #parse}. */
    static String format(ArchivedMessage m) {
        var hex = java.util.HexFormat.of();
        var o = JSON.createObjectNode();
        o.put("sig", hex.formatHex(m.sig()));
        o.put("timestamp", m.timestamp());
        o.put("topic", m.topic().hex());
        o.put("payload", hex.formatHex(m.payload()));
        o.put("padding", hex.formatHex(m.padding()));
        o.put("hash", hex.formatHex(m.hash()));
        if (!m.thirdPartyId().isEmpty()) {
            o.put("thirdPartyId", m.thirdPartyId());
        }
        return o.toString();
    }
}
