package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.ContentAddressing;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.api.storage.StoredArchiveReader;
import org.archivist.api.storage.StoredPieceVerifier;
import org.archivist.host.reference.InProcessNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-archive summaries of an owner publishing on two backends: ranges, gaps, where stored, checks. */
class ArchiveSummariesTest {
    static final long JAN_1 = OwnerArchiverTest.JAN_1;
    static final long DAY = OwnerArchiverTest.DAY;

    /** A test backend that reads its blobs back (as the real backends do), can corrupt them and counts index reads. */
    static class ReadableBackend implements StorageBackend, StoredArchiveReader {
        final InMemoryBackend inner;
        final AtomicInteger sessions = new AtomicInteger();
        volatile boolean corrupt;
        /** A changed byte in the middle of the copy, which decoding need not notice. */
        volatile boolean flipped;

        ReadableBackend(InMemoryBackend inner) {
            this.inner = inner;
        }

        @Override
        public byte[] readStored(CommunityId community, ArchiveLocation location) throws StorageException {
            try (ArchiveDownload d = inner.download(community, inner.currentLink(community).orElseThrow())) {
                byte[] blob = d.archive(location, (done, total) -> { });
                // a torn copy: decoding finds it (a flipped payload byte would need the backend's hashes, see README)
                if (flipped) {
                    blob[blob.length / 2] ^= 0x01;
                }
                return corrupt ? java.util.Arrays.copyOf(blob, blob.length / 2) : blob;
            } catch (InterruptedException e) {
                throw new StorageException("interrupted", true, e);
            }
        }

        @Override
        public LinkFormat linkFormat() {
            return inner.linkFormat();
        }

        @Override
        public BackendStatus status() {
            return inner.status();
        }

        @Override
        public PublishSession beginPublish(CommunityId community) throws StorageException {
            sessions.incrementAndGet();
            return inner.beginPublish(community);
        }

        @Override
        public Optional<String> currentLink(CommunityId community) {
            return inner.currentLink(community);
        }

        @Override
        public void seed(CommunityId community) {
            inner.seed(community);
        }

        @Override
        public void unseed(CommunityId community) {
            inner.unseed(community);
        }

        @Override
        public ArchiveDownload download(CommunityId community, String link) {
            return inner.download(community, link);
        }
    }

    /** A test backend that addresses content, as Codex: a key per blob, and the key of what it serves. */
    static final class AddressedBackend extends ReadableBackend implements ContentAddressing {
        AddressedBackend(InMemoryBackend inner) {
            super(inner);
        }

        @Override
        public String contentKey(byte[] blob) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Optional<String> contentKey(CommunityId community, ArchiveLocation location) throws StorageException {
            try (ArchiveDownload d = inner.download(community, inner.currentLink(community).orElseThrow())) {
                return Optional.of(contentKey(d.archive(location, (done, total) -> { })));
            } catch (InterruptedException e) {
                throw new StorageException("interrupted", true, e);
            }
        }
    }

    /**
     * A test backend that keeps piece hashes, as BitTorrent: a changed byte in its copy is a mismatched piece (the
     * hashing itself is the BitTorrent backend's, tested there: StoredPieceVerifierTest).
     */
    static final class PiecedBackend extends ReadableBackend implements StoredPieceVerifier {
        /** When set, what the backend throws instead of answering. */
        volatile StorageException cannotCheck;

        PiecedBackend(InMemoryBackend inner) {
            super(inner);
        }

        @Override
        public List<Integer> mismatchedPieces(CommunityId community, ArchiveLocation location)
                throws StorageException {
            if (cannotCheck != null) {
                throw cannotCheck;
            }
            return flipped ? List.of(0) : List.of();
        }
    }

    @TempDir
    Path dir;
    final byte[] key = TestNode.newKey();
    final CommunityId id = TestNode.idOf(key);
    final PiecedBackend bittorrent = new PiecedBackend(InMemoryBackend.bittorrent());
    final AddressedBackend codex = new AddressedBackend(InMemoryBackend.codex());
    TestNode owner;
    ArchiveSummaries summaries;

    void startAt(long now, String backend) throws Exception {
        VirtualTaskScheduler time = new VirtualTaskScheduler(Instant.ofEpochSecond(now));
        owner = new TestNode(dir.resolve("owner"), new InProcessNetwork(), time);
        owner.backends.add(StorageBackend.BITTORRENT, bittorrent);
        owner.backends.add(StorageBackend.CODEX, codex);
        owner.own(key, false);
        SchedulerContext ctx = SchedulerNodes.context(time, owner.host.store(), owner.host.directory(),
                owner.host.channel(), owner.host.importer(), Optional.of(owner.host.cipher()), owner.backends,
                owner.dir.resolve("scheduler"), e -> { }, Duration.ofSeconds(30), Duration.ofHours(1));
        summaries = new ArchiveSummaries(ctx, owner.scheduler);
        // three messages in week 1, none in week 2 (status-go skips the empty partition: a gap), two in week 3
        owner.addMessages(id, JAN_1 + 3600, JAN_1 + 2 * DAY, JAN_1 + 3 * DAY, JAN_1 + 15 * DAY, JAN_1 + 16 * DAY);
        owner.state(id).setLastArchiveEnd(StorageBackend.BITTORRENT, JAN_1);
        owner.state(id).setLastArchiveEnd(StorageBackend.CODEX, JAN_1);
        owner.scheduler.configure(ArchiveSettings.defaults(id).withBackends(ArchiveSettings.parseBackends(backend)));
        time.runDue();
    }

    @AfterEach
    void close() throws Exception {
        if (owner != null) {
            owner.close();
        }
    }

    @Test
    void everyArchiveOnceWithItsRangeBackendsSizeAndMessagesAndTheEmptyWeekAsAGap() throws Exception {
        startAt(JAN_1 + 20 * DAY, "both");
        List<ArchiveSummary> all = summaries.archives(id);
        assertEquals(List.of(TimeRange.of(JAN_1, JAN_1 + 7 * DAY), TimeRange.of(JAN_1 + 14 * DAY, JAN_1 + 20 * DAY)),
                all.stream().map(ArchiveSummary::range).toList());
        for (ArchiveSummary s : all) {
            assertEquals(Set.of("bittorrent", "codex"), s.storedOn());
            assertTrue(s.verified(), s.toString());
            assertTrue(s.bytes().orElseThrow() > 0, s.toString());
            assertTrue(s.id().startsWith("0x"), s.id());
        }
        assertEquals(3, all.get(0).messages().orElseThrow());
        assertEquals(2, all.get(1).messages().orElseThrow());
        // the id is the BitTorrent archive's (first backend in name order)
        try (PublishSession session = bittorrent.inner.beginPublish(id)) {
            assertEquals(new org.archivist.core.member.ArchiveReader().readIndex(id, session.existingIndex().orElseThrow(),
                    bittorrent.linkFormat(), Optional.empty()).get(0).archiveId(), all.get(0).id());
        }
    }

    @Test
    void indexesAreReadAgainOnlyWhenTheLinkChanges() throws Exception {
        startAt(JAN_1 + 20 * DAY, "bittorrent");
        int before = bittorrent.sessions.get();
        assertEquals(2, summaries.archives(id).size());
        assertEquals(before + 1, bittorrent.sessions.get());
        assertEquals(2, summaries.archives(id).size());
        assertEquals(before + 1, bittorrent.sessions.get(), "the same link: the index read before");
        assertEquals(Set.of("bittorrent"), summaries.archives(id).get(0).storedOn());
        assertEquals(0, codex.sessions.get(), "a backend the community does not use is not read");
    }

    @Test
    void aCorruptStoredCopyIsNotVerifiedOnceVerifyReadsItAgain() throws Exception {
        startAt(JAN_1 + 20 * DAY, "both");
        assertTrue(summaries.archives(id).stream().allMatch(ArchiveSummary::verified));
        codex.corrupt = true;
        assertTrue(summaries.archives(id).stream().allMatch(ArchiveSummary::verified), "remembered checks");
        List<ArchiveSummary> checked = summaries.verify(id);
        assertEquals(2, checked.size());
        assertTrue(checked.stream().noneMatch(ArchiveSummary::verified), "one bad copy of two: " + checked);
        assertEquals(3, checked.get(0).messages().orElseThrow(), "counted from the sound copy");
        bittorrent.corrupt = true;
        checked = summaries.verify(id);
        assertFalse(checked.get(0).messages().isPresent(), "no sound copy, no count: " + checked);
        codex.corrupt = false;
        bittorrent.corrupt = false;
        assertTrue(summaries.verify(id).stream().allMatch(ArchiveSummary::verified), "sound again when read again");
    }

    @Test
    void verifyAlsoComparesContentAddressesWhereTheBackendHasThemAndSaysWhichChecksRan() throws Exception {
        startAt(JAN_1 + 20 * DAY, "both");
        for (ArchiveSummary s : summaries.archives(id)) {
            assertTrue(s.verified(), s.toString());
            assertEquals(Set.of(ArchiveSummary.Check.DECODED), s.checks(), "a listing never asks the storage node");
        }
        for (ArchiveSummary s : summaries.verify(id)) {
            assertTrue(s.verified(), s.toString());
            assertEquals(Set.of(ArchiveSummary.Check.DECODED, ArchiveSummary.Check.CONTENT_ADDRESS,
                    ArchiveSummary.Check.PIECE_HASHES), s.checks());
        }
        codex.flipped = true;
        List<ArchiveSummary> checked = summaries.verify(id);
        for (ArchiveSummary s : checked) {
            assertFalse(s.verified(), "a changed byte in the Codex copy: " + s);
            assertTrue(s.checks().contains(ArchiveSummary.Check.CONTENT_ADDRESS), s.toString());
        }
        codex.flipped = false;
        assertTrue(summaries.verify(id).stream().allMatch(ArchiveSummary::verified));
    }

    @Test
    void verifyAlsoChecksPieceHashesWhereTheBackendKeepsThemAndSkipsThemWhenItCannotTellNow() throws Exception {
        startAt(JAN_1 + 20 * DAY, "bittorrent");
        assertTrue(summaries.archives(id).stream().allMatch(s -> s.checks().equals(Set.of(ArchiveSummary.Check.DECODED))),
                "a listing never hashes the stored pieces");
        for (ArchiveSummary s : summaries.verify(id)) {
            assertTrue(s.verified(), s.toString());
            assertEquals(Set.of(ArchiveSummary.Check.DECODED, ArchiveSummary.Check.PIECE_HASHES), s.checks());
        }
        bittorrent.flipped = true; // a changed payload byte: the copy may still decode, its piece hash differs
        for (ArchiveSummary s : summaries.verify(id)) {
            assertFalse(s.verified(), "a mismatched piece: " + s);
            assertTrue(s.checks().contains(ArchiveSummary.Check.PIECE_HASHES), s.toString());
        }
        bittorrent.flipped = false;
        bittorrent.cannotCheck = new StorageException("the torrent is not written yet", true);
        for (ArchiveSummary s : summaries.verify(id)) {
            assertTrue(s.verified(), "not checkable now is not a failure: " + s);
            assertEquals(Set.of(ArchiveSummary.Check.DECODED), s.checks(), "and the check is not claimed");
        }
        bittorrent.cannotCheck = new StorageException("the data file is unreadable", false);
        assertTrue(summaries.verify(id).stream().noneMatch(ArchiveSummary::verified));
        bittorrent.cannotCheck = null;
        assertTrue(summaries.verify(id).stream().allMatch(ArchiveSummary::verified), "sound again when hashed again");
    }

    @Test
    void anUnconfiguredCommunityIsATypedError() throws Exception {
        startAt(JAN_1 + 20 * DAY, "bittorrent");
        CommunityId other = TestNode.idOf(TestNode.newKey());
        assertThrows(ArchivistException.class, () -> summaries.archives(other));
    }
}
