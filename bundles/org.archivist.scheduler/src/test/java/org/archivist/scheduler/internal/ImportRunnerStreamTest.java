package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.PieceLayout;
import org.archivist.host.reference.ReferenceNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer reads downloaded archives from their files as streams: every message of a good archive reaches the
 * host once, and no message of an archive that turns out malformed (at its end) or does not authenticate reaches it.
 */
class ImportRunnerStreamTest {
    private static final CommunityId ID = CommunityId.of("0x02" + "6b".repeat(32));
    private static final List<ContentTopic> TOPICS = List.of(ContentTopic.of("0a0b0c0d"), ContentTopic.of("1a1b1c1d"));
    private static final ContentTopic OTHER = ContentTopic.of("99999999");

    @TempDir
    Path dir;

    private final List<ArchivedMessage> received = new CopyOnWriteArrayList<>();

    @Test
    void aGoodArchiveIsImportedWholeAndAMalformedOneNotAtAll() throws Exception {
        Community community = new Community(ID, TOPICS, false, false, true);
        try (ImportDriver driver = driver(community, Optional.empty())) {
            List<ArchivedMessage> good = messages(1000, 250);
            Archive a = archive(1000, good);
            driver.addDownloaded(a.entry(), a.blob());
            Archive b = archive(2000, messages(2000, 30));
            byte[] malformed = Arrays.copyOf(b.blob(), b.blob().length + 3);
            malformed[b.blob().length] = 0x1a; // a messages field ...
            malformed[b.blob().length + 1] = 0x01; // ... of one byte ...
            malformed[b.blob().length + 2] = 0x0f; // ... holding wire type 7
            driver.addDownloaded(ArchiveIds.entry(b.entry().metadata(), PieceLayout.place(a.end(), malformed.length)),
                    malformed);
            assertEquals(good.stream().filter(m -> TOPICS.contains(m.topic())).count(),
                    driver.importAll(Duration.ofMinutes(2)));
            assertEquals(good.stream().filter(m -> TOPICS.contains(m.topic())).toList(), received,
                    "the good archive's messages on the community's topics, in order, once");
            assertEquals(0, driver.unimported(), "the malformed archive is dropped (to be fetched again)");
        }
    }

    @Test
    void anEncryptedArchiveThatDoesNotAuthenticateHandsOutNothing() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ArchiveCipher cipher = ReferenceNode.cipherWithKey(new ReferenceNode.GroupKeyMaterial(1_700_000_000_000L, key));
        Community community = new Community(ID, TOPICS, true, false, true);
        try (ImportDriver driver = driver(community, Optional.of(cipher))) {
            List<ArchivedMessage> good = messages(1000, 120);
            byte[] sealedGood = ArchiveEnvelope.seal(ID, archive(1000, good).blob(), cipher);
            IndexEntry goodEntry = ArchiveIds.entry(archive(1000, good).entry().metadata(),
                    PieceLayout.place(0, sealedGood.length));
            driver.addDownloaded(goodEntry, sealedGood);
            Archive b = archive(2000, messages(2000, 80));
            byte[] tampered = ArchiveEnvelope.seal(ID, b.blob(), cipher);
            tampered[tampered.length / 2] ^= 0x40;
            long offset = ((org.archivist.api.ArchiveLocation.PieceRange) goodEntry.location()).end();
            driver.addDownloaded(ArchiveIds.entry(b.entry().metadata(), PieceLayout.place(offset, tampered.length)),
                    tampered);
            driver.importAll(Duration.ofSeconds(5)); // the tampered archive never finishes: it is retried
            assertEquals(good.stream().filter(m -> TOPICS.contains(m.topic())).toList(), received,
                    "only the archive that authenticated reached the importer");
            assertEquals(1, driver.unimported(), "the tampered archive waits for a retry");
        }
    }

    private ImportDriver driver(Community community, Optional<ArchiveCipher> cipher) {
        return new ImportDriver(dir, community, (c, batch) -> received.addAll(batch), "bittorrent",
                InMemoryBackend.bittorrent(), cipher, 1e9);
    }

    private record Archive(IndexEntry entry, byte[] blob) {
        long end() {
            return ((org.archivist.api.ArchiveLocation.PieceRange) entry.location()).end();
        }
    }

    private static Archive archive(long from, List<ArchivedMessage> messages) {
        ArchiveMetadata md = new ArchiveMetadata(TimeRange.of(from, from + 1000), TOPICS);
        byte[] blob = ArchiveCodec.encode(md, messages);
        return new Archive(ArchiveIds.entry(md, PieceLayout.place(0, blob.length)), blob);
    }

    private static List<ArchivedMessage> messages(long from, int n) {
        List<ArchivedMessage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] hash = new byte[32];
            hash[0] = (byte) i;
            hash[1] = (byte) (i >> 8);
            hash[2] = (byte) (from >> 4);
            ContentTopic topic = i % 7 == 3 ? OTHER : TOPICS.get(i % 2);
            out.add(new ArchivedMessage(new byte[65], from + i % 1000, topic, new byte[20 + i % 50], new byte[0], hash,
                    ""));
        }
        return out;
    }
}
