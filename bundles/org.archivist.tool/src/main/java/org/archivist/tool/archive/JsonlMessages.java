package org.archivist.tool.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Messages as JSON lines: {@code {"sig":"..","timestamp":<unix s>,"topic":"<8 hex>","payload":"..",
 * "padding":"..","hash":".."}} with hex byte fields ({@code sig}, {@code payload} and a non-empty
 * {@code hash} required; {@code padding} and a {@code "thirdPartyId"} string optional). Blank lines are
 * skipped; a bad line (not one JSON object, a missing field, bytes that are not UTF-8 text, a line over
 * {@value #MAX_LINE_BYTES} bytes) is an error naming its number. Only a regular file is read.
 */
final class JsonlMessages {
    private static final List<String> REQUIRED_BYTES = List.of("sig", "payload", "hash");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    /** A 30 MB payload in hex and the other fields fit easily. */
    static final int MAX_LINE_BYTES = 80 * 1024 * 1024;

    private JsonlMessages() {
    }

    static List<ArchivedMessage> read(Path file) throws IOException, org.archivist.tool.UsageException {
        RegularFiles.requireRegular(file, "--messages");
        List<ArchivedMessage> messages = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            BoundedLines lines = new BoundedLines(in, MAX_LINE_BYTES);
            String line;
            while (true) {
                try {
                    line = lines.next();
                } catch (IOException e) {
                    throw new IOException(file + " line " + (lines.number() + 1) + ": " + e.getMessage(), e);
                }
                if (line == null) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    messages.add(parse(JSON.readTree(line)));
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + " line " + lines.number() + ": " + firstLine(e.getMessage()), e);
                }
            }
        }
        return messages;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static ArchivedMessage parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode ts = node.get("timestamp");
        if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong() || ts.asLong() < 0) {
            throw new IllegalArgumentException("\"timestamp\" must be Unix seconds (a non-negative whole number)");
        }
        JsonNode topic = node.get("topic");
        if (topic == null || !topic.isTextual()) {
            throw new IllegalArgumentException("\"topic\" (8 hex digits) is missing");
        }
        JsonNode thirdParty = node.get("thirdPartyId");
        if (thirdParty != null && !thirdParty.isTextual()) {
            throw new IllegalArgumentException("\"thirdPartyId\" must be a string");
        }
        for (String required : REQUIRED_BYTES) {
            if (node.get(required) == null || node.get(required).isNull()) {
                throw new IllegalArgumentException("\"" + required + "\" (hex) is missing");
            }
        }
        byte[] hash = bytes(node, "hash");
        if (hash.length == 0) {
            throw new IllegalArgumentException("\"hash\" is empty");
        }
        return new ArchivedMessage(bytes(node, "sig"), ts.asLong(), ContentTopic.of(topic.asText()),
                bytes(node, "payload"), bytes(node, "padding"), hash, thirdParty == null ? "" : thirdParty.asText());
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
