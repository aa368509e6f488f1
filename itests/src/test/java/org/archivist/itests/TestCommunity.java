package org.archivist.itests;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;

/**
 * The community the integration tests archive: private key 1 (so its id is the secp256k1 generator,
 * compressed), one chat topic, and generated messages. Container side.
 */
final class TestCommunity {
    static final String PRIVATE_KEY = "00".repeat(31) + "01";
    static final CommunityId ID = CommunityId.of("0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    static final String TOPIC_HEX = "0a0b0c0d";
    static final ContentTopic TOPIC = ContentTopic.of(TOPIC_HEX);

    /**
     * Another community of the tests: private key {@code key} (its id is key·G, compressed) and a chat topic of its
     * own, so that the owner's message store never gives one community's messages to another's archives.
     */
    record Other(int key, CommunityId id, String topicHex) {
        String privateKey() {
            return "%064x".formatted(key);
        }

        ContentTopic topic() {
            return ContentTopic.of(topicHex);
        }
    }

    static final Other SECOND = new Other(2,
            CommunityId.of("0x02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5"), "0a0b0c02");
    static final Other THIRD = new Other(3,
            CommunityId.of("0x02f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9"), "0a0b0c03");

    private TestCommunity() {
    }

    /** {@code count} messages evenly spread over {@code [from, to)} (Unix seconds). */
    static List<ArchivedMessage> messages(Random random, int count, long from, long to) {
        return messages(random, TOPIC, count, from, to);
    }

    /** {@code count} messages of {@code topic} evenly spread over {@code [from, to)} (Unix seconds). */
    static List<ArchivedMessage> messages(Random random, ContentTopic topic, int count, long from, long to) {
        List<ArchivedMessage> messages = new ArrayList<>();
        long step = Math.max(1, (to - from) / count);
        for (int i = 0; i < count; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            byte[] sig = new byte[65];
            random.nextBytes(sig);
            byte[] payload = ("message " + i + " " + "lorem ipsum ".repeat(1 + random.nextInt(30)))
                    .getBytes(StandardCharsets.UTF_8);
            messages.add(new ArchivedMessage(sig, Math.min(to - 1, from + i * step), topic, payload, new byte[0], hash,
                    ""));
        }
        return messages;
    }

    /** What {@code host:count} prints as the hash sum of these messages (the sum of hashes mod 2^256). */
    static String hashSum(Collection<ArchivedMessage> messages) {
        BigInteger sum = BigInteger.ZERO;
        BigInteger modulus = BigInteger.ONE.shiftLeft(256);
        for (ArchivedMessage m : messages) {
            sum = sum.add(new BigInteger(1, m.hash())).mod(modulus);
        }
        String h = sum.toString(16);
        return "0".repeat(64 - h.length()) + h;
    }
}
