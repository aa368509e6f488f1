package org.archivist.tool.demo;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;

/**
 * The demos' community history: a message every 20 minutes on average (10 to 30), each on a random chat, over
 * a number of weeks ending an hour ago, with random hashes and signatures and a short text payload.
 */
public final class DemoHistory {
    public static final String[] CHATS = {"general", "random", "-memberUpdate"};
    public static final int MIN_WEEKS = 1;
    public static final int MAX_WEEKS = 52;

    private DemoHistory() {
    }

    public static List<ArchivedMessage> generate(List<ContentTopic> topics, int weeks, SecureRandom random) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a history needs at least one topic");
        }
        List<ContentTopic> chats = new ArrayList<>(topics);
        long end = Instant.now().getEpochSecond() - 3600;
        long start = end - weeks * 7L * 24 * 3600;
        List<ArchivedMessage> messages = new ArrayList<>();
        for (long t = start; t < end; t += 600 + random.nextInt(1200)) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            byte[] sig = new byte[65];
            random.nextBytes(sig);
            String text = "message " + messages.size() + " from " + HexFormat.of().formatHex(sig, 1, 5) + ": "
                    + "lorem ipsum ".repeat(1 + random.nextInt(20));
            messages.add(new ArchivedMessage(sig, t, chats.get(random.nextInt(chats.size())),
                    text.getBytes(StandardCharsets.UTF_8), new byte[0], hash, ""));
        }
        return messages;
    }

    /** {@code --weeks}: a whole number of weeks between 1 and 52; the message names what is wrong. */
    public static int weeks(String value) {
        int w;
        try {
            w = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--weeks needs a number, not '" + value + "'");
        }
        if (w < MIN_WEEKS || w > MAX_WEEKS) {
            throw new IllegalArgumentException("--weeks must be between " + MIN_WEEKS + " and " + MAX_WEEKS
                    + ", got " + w);
        }
        return w;
    }
}
