package org.archivist.commands.internal.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HexFormat;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads messages as JSON lines, the format of {@code archivist build}: {@code {"sig":"..","timestamp":<unix s>,
 * "topic":"<8 hex>","payload":"..","padding":"..","hash":".."}} with hex byte fields and an optional
 * {@code "thirdPartyId"}. Blank lines are skipped; a bad line is an error naming its number.
 */
final class JsonlMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader in;
    private int line;

    JsonlMessages(BufferedReader in) {
        this.in = in;
    }

    /** The next message, or null at the end. */
    ArchivedMessage next() throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                return parse(JSON.readTree(text));
            } catch (IOException | RuntimeException e) {
                throw new IOException("line " + line + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    int lines() {
        return line;
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
        byte[] hash = bytes(node, "hash");
        if (hash.length == 0) {
            throw new IllegalArgumentException("\"hash\" (the message's identity) is missing");
        }
        JsonNode thirdParty = node.get("thirdPartyId");
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
        String hex = v.asText().startsWith("0x") ? v.asText().substring(2) : v.asText();
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not hex: " + e.getMessage(), e);
        }
    }
}
