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

    private TestCommunity() {
    }

    /** {@code count} messages evenly spread over {@code [from, to)} (Unix seconds). */
    static List<ArchivedMessage> messages(Random random, int count, long from, long to) {
        List<ArchivedMessage> messages = new ArrayList<>();
        long step = Math.max(1, (to - from) / count);
        for (int i = 0; i < count; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            byte[] sig = new byte[65];
            random.nextBytes(sig);
            byte[] payload = ("message " + i + " " + "lorem ipsum ".repeat(1 + random.nextInt(30)))
                    .getBytes(StandardCharsets.UTF_8);
            messages.add(new ArchivedMessage(sig, Math.min(to - 1, from + i * step), TOPIC, payload, new byte[0], hash,
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
