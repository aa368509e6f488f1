package org.archivist.migration.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.api.host.MessageStore;
import org.archivist.api.storage.PublishSession;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.core.owner.ArchiveWriter;

/**
 * A BitTorrent-layout archive set ({@code <dir>/<community>/{data,index}}) written by the core's own writer:
 * {@code plainWeeks} weekly archives while the community was open, then {@code encryptedWeeks} after it became
 * token-gated (those archives and the index hash-ratchet sealed).
 */
final class SourceFixture {
    static final CommunityId COMMUNITY = CommunityId.of("0x02" + "ab".repeat(32));
    static final ContentTopic TOPIC = ContentTopic.of("01020304");
    static final long START = 1_577_836_800L; // 2020-01-01
    static final long WEEK = 7 * 24 * 3600L;

    private SourceFixture() {
    }

    static ArchiveDirectory build(Path dataDir, int plainWeeks, int encryptedWeeks, ArchiveCipher cipher)
            throws Exception {
        List<ArchivedMessage> messages = new ArrayList<>();
        Random random = new Random(7);
        int weeks = plainWeeks + encryptedWeeks;
        for (long t = START + 600; t < START + weeks * WEEK; t += 3 * 3600 + random.nextInt(3600)) {
            byte[] payload = new byte[200 + random.nextInt(2000)];
            random.nextBytes(payload);
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            messages.add(new ArchivedMessage(new byte[65], t, TOPIC, payload, null, hash, null));
        }
        MessageStore store = new MessageStore() {
            @Override
            public Stream<ArchivedMessage> messages(CommunityId c, Set<ContentTopic> topics, TimeRange range) {
                return messages.stream().filter(m -> range.contains(m.timestamp()));
            }

            @Override
            public OptionalLong oldestTimestamp(CommunityId c, Set<ContentTopic> topics) {
                return OptionalLong.of(messages.get(0).timestamp());
            }
        };
        ArchiveWriter writer = new ArchiveWriter(store);
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.of(cipher));
        if (plainWeeks > 0) {
            write(writer, dir, false, cipher, START, START + plainWeeks * WEEK);
        }
        if (encryptedWeeks > 0) {
            write(writer, dir, true, cipher, START + plainWeeks * WEEK, START + weeks * WEEK);
        }
        return dir;
    }

    private static void write(ArchiveWriter writer, ArchiveDirectory dir, boolean encrypted, ArchiveCipher cipher,
            long from, long to) throws Exception {
        Community c = new Community(COMMUNITY, List.of(TOPIC), encrypted, true, true);
        try (PublishSession session = dir.beginPublish()) {
            writer.write(c, TimeRange.of(from, to), WEEK, Optional.of(cipher), MagnetLinkFormat.INSTANCE, session);
        }
    }
}
