package org.archivist.scheduler.kill;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.host.reference.ReferenceNode;

/**
 * The fixed community and history the kill tests archive and import: every run, in every process, builds the
 * same bytes. The history lies years in the past, so every partition the owner archives is a whole one and the
 * archives' bounds do not depend on when the run happens (the run's end is "now").
 */
final class KillFixture {
    /** A valid secp256k1 private key, fixed so that each child process knows the same community. */
    static final byte[] KEY = HexFormat.of().parseHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    static final CommunityId ID = ReferenceNode.communityIdOf(KEY);
    static final List<ContentTopic> TOPICS = ReferenceNode.topicsOf(ID, "general", "random");
    static final long FIRST = 1_600_000_000L;
    static final long DAY = 86_400;
    static final int WEEKS = 5;
    static final int PER_WEEK = 12;
    /** A fixed announcement clock (ms), so that the member's state does not depend on when it was announced. */
    static final long CLOCK = 1_700_000_000_000L;

    private KillFixture() {
    }

    /**
     * Five weeks of twelve messages; the fourth week's payloads are large, so its partition is cut into
     * several archives and its blobs span several pieces.
     */
    static List<ArchivedMessage> history() {
        List<ArchivedMessage> out = new ArrayList<>();
        for (int week = 0; week < WEEKS; week++) {
            for (int i = 0; i < PER_WEEK; i++) {
                int n = week * PER_WEEK + i;
                byte[] payload = new byte[week == 3 ? 9_000 + 997 * i : 40 + n];
                byte[] text = ("message " + n).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(text, 0, payload, 0, Math.min(text.length, payload.length));
                for (int b = text.length; b < payload.length; b++) {
                    payload[b] = (byte) (n * 31 + b * 7);
                }
                byte[] hash = new byte[32];
                hash[0] = (byte) week;
                hash[1] = (byte) i;
                hash[31] = 0x5a;
                byte[] sig = new byte[65];
                sig[0] = (byte) n;
                out.add(new ArchivedMessage(sig, FIRST + week * 7 * DAY + i * 3_600L, TOPICS.get(n % 2), payload,
                        new byte[0], hash, ""));
            }
        }
        return out;
    }
}
