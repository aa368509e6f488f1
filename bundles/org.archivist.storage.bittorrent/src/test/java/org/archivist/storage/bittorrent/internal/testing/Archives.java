package org.archivist.storage.bittorrent.internal.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.IndexCodec;

/** Real Status archives (encoded by the core) published through a backend, as the archive writer would. */
public final class Archives {
    public static final CommunityId COMMUNITY = CommunityId.of(CommunityDirs.CID);
    public static final ContentTopic TOPIC = ContentTopic.of("01020304");
    public static final long WEEK = 7 * 24 * 3600;
    public static final long START = 1_577_836_800L; // 2020-01-01

    private Archives() {
    }

    /** One archive: its index entry, its blob and its messages. */
    public record Published(IndexEntry entry, byte[] blob, List<ArchivedMessage> messages) {
    }

    /** An archive of {@code count} messages of {@code payloadBytes} random bytes each, for week {@code week}. */
    public static List<ArchivedMessage> messages(int week, int count, int payloadBytes, long seed) {
        Random random = new Random(seed);
        List<ArchivedMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] sig = new byte[65];
            random.nextBytes(sig);
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            messages.add(new ArchivedMessage(sig, START + week * WEEK + i, TOPIC,
                    CommunityDirs.bytes(random, payloadBytes), new byte[0], hash, ""));
        }
        return messages;
    }

    /**
     * Appends one archive per entry of {@code sizes} (message count, payload bytes) after what the backend
     * already has, commits the merged index, and returns the new archives and the link.
     */
    public static Result publish(StorageBackend backend, CommunityId community, int firstWeek, int[][] sizes,
            long seed) throws StorageException {
        try (PublishSession session = backend.beginPublish(community)) {
            List<IndexEntry> entries = new ArrayList<>();
            Optional<byte[]> existing = session.existingIndex();
            if (existing.isPresent()) {
                entries.addAll(IndexCodec.decode(existing.get(), DecodeLimits.DEFAULT));
            }
            List<Published> published = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                int week = firstWeek + i;
                ArchiveMetadata metadata = new ArchiveMetadata(
                        TimeRange.of(START + week * WEEK, START + (week + 1) * WEEK), List.of(TOPIC));
                List<ArchivedMessage> messages = messages(week, sizes[i][0], sizes[i][1], seed + i);
                byte[] blob = ArchiveCodec.encode(metadata, messages);
                ArchiveLocation location = session.append(blob);
                IndexEntry entry = ArchiveIds.entry(metadata, location);
                entries.add(entry);
                published.add(new Published(entry, blob, messages));
            }
            byte[] index = IndexCodec.encode(IndexCodec.Shape.PIECE_RANGES, entries);
            String link = session.commit(index);
            return new Result(link, index, published);
        } catch (org.archivist.api.InvalidArchiveException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Result(String link, byte[] index, List<Published> archives) {
    }
}
