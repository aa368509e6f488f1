package org.archivist.core.testing;

import java.time.Instant;
import java.util.List;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;

/** Test data shaped like status-go's manager_test.go: sig/payload/padding {@code [1]}, hash {@code [n]}. */
public final class Fixtures {
    public static final CommunityId COMMUNITY =
            CommunityId.of("0x02" + "ab".repeat(32));
    public static final ContentTopic TOPIC = ContentTopic.of("01020304");
    public static final ContentTopic OTHER_TOPIC = ContentTopic.of("aabbccdd");
    public static final long JAN_1_2020 = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    public static final long HOUR = 3600;
    public static final long DAY = 24 * HOUR;
    public static final long WEEK = 7 * DAY;

    private Fixtures() {
    }

    /** status-go's {@code buildMessage(timestamp, topic, hash)}. */
    public static ArchivedMessage message(long timestamp, ContentTopic topic, int hash) {
        return new ArchivedMessage(new byte[] {1}, timestamp, topic, new byte[] {1}, new byte[] {1},
                new byte[] {(byte) hash}, "");
    }

    public static ArchivedMessage message(long timestamp, int hash, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        java.util.Arrays.fill(payload, (byte) hash);
        byte[] sig = new byte[65];
        sig[0] = 4;
        byte[] h = new byte[32];
        h[0] = (byte) hash;
        h[1] = (byte) (hash >> 8);
        h[2] = (byte) (hash >> 16);
        return new ArchivedMessage(sig, timestamp, TOPIC, payload, new byte[] {0, 0}, h, "");
    }

    public static ArchiveMetadata metadata(long from, long to) {
        return new ArchiveMetadata(TimeRange.of(from, to), List.of(TOPIC, OTHER_TOPIC));
    }
}
