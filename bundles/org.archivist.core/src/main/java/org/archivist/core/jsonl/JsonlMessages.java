package org.archivist.core.jsonl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads messages as JSON lines: {@code {"sig":"..","timestamp":<unix s>,"topic":"<8 hex>","payload":"..",
 * "padding":"..","hash":".."}} with hex byte fields (with or without {@code 0x}); {@code sig}, {@code payload}
 * and a non-empty {@code hash} are required, {@code padding} and a {@code "thirdPartyId"} string optional.
 * Blank lines are skipped. A bad line (not exactly one JSON object, duplicate keys, a missing or mistyped field,
 * bytes that are not UTF-8 text or hold control characters, a line over {@value #MAX_LINE_BYTES} bytes) is an
 * {@link IOException} whose message starts with {@code line <n>: }. One instance reads one stream, by one thread.
 */
public final class JsonlMessages {
    /** A 30 MB payload in hex and the other fields fit easily. */
    public static final int MAX_LINE_BYTES = 80 * 1024 * 1024;
    private static final List<String> REQUIRED_BYTES = List.of("sig", "payload", "hash");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final BoundedLines lines;

    /** Reads {@code in} (the caller closes it). */
    public JsonlMessages(InputStream in) {
        this.lines = new BoundedLines(in, MAX_LINE_BYTES);
    }

    /** The next message, or null at the end. */
    public ArchivedMessage next() throws IOException {
        while (true) {
            String line;
            try {
                line = lines.next();
            } catch (IOException e) {
                throw new IOException("line " + (lines.number() + 1) + ": " + e.getMessage(), e);
            }
            if (line == null) {
                return null;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                return parse(JSON.readTree(line));
            } catch (IOException | RuntimeException e) {
                throw new IOException("line " + lines.number() + ": " + firstLine(e.getMessage()), e);
            }
        }
    }

    /** The number of lines read so far (blank ones included). */
    public int lines() {
        return lines.number();
    }

    /**
     * Every message of a regular file (a FIFO or device is refused before it is opened for reading).
     *
     * @throws IOException naming the file and the line of the first bad one
     */
    public static List<ArchivedMessage> readAll(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
        List<ArchivedMessage> messages = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            JsonlMessages reader = new JsonlMessages(in);
            ArchivedMessage m;
            while ((m = reader.next()) != null) {
                messages.add(m);
            }
        } catch (IOException e) {
            throw new IOException(file + " " + e.getMessage(), e);
        }
        return messages;
    }

    /** One message as a JSON line (without the line end), the inverse of reading it. */
    public static String format(ArchivedMessage m) {
        HexFormat hex = HexFormat.of();
        ObjectNode o = JSON.createObjectNode();
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

    private static ArchivedMessage parse(JsonNode node) {
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
        String text = v.asText();
        String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not hex: '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
