package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.host.Community;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.StorageBackend;
import org.archivist.host.reference.InProcessNetwork;
import org.archivist.host.reference.ReferenceNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kept indexes after a restart: a listing that comes while another thread decodes them waits for the whole
 * index instead of answering with a map still being filled (an empty listing was seen once in a full build).
 */
class AcceptedIndexesTest {
    @TempDir
    Path dir;
    ReferenceNode host;

    @AfterEach
    void close() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    /** The core's format, with a decoding of indexes that waits for a latch. */
    static final class GatedFormat implements ArchiveFormat {
        final ArchiveFormat inner;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        GatedFormat(ArchiveFormat inner) {
            this.inner = inner;
        }

        @Override
        public Published publish(Community community, TimeRange run, Duration partition, StorageBackend backend)
                throws ArchivistException {
            return inner.publish(community, run, partition, backend);
        }

        @Override
        public List<IndexEntry> readIndex(CommunityId community, byte[] index, LinkFormat format)
                throws ArchivistException {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ArchivistException("interrupted", e);
            }
            return inner.readIndex(community, index, format);
        }

        @Override
        public byte[] plainArchive(CommunityId community, byte[] blob) throws ArchivistException {
            return inner.plainArchive(community, blob);
        }

        @Override
        public List<ArchivedMessage> readArchive(CommunityId community, IndexEntry entry, byte[] blob)
                throws ArchivistException {
            return inner.readArchive(community, entry, blob);
        }

        @Override
        public org.archivist.core.member.ArchiveMessages openArchive(CommunityId community, IndexEntry entry,
                java.nio.file.Path file) throws ArchivistException, java.io.IOException {
            return inner.openArchive(community, entry, file);
        }

        @Override
        public byte[] plainSha256(CommunityId community, java.nio.file.Path file)
                throws ArchivistException, java.io.IOException {
            return inner.plainSha256(community, file);
        }
    }

    @Test
    void aListingDuringTheFirstDecodingWaitsForTheWholeIndex() throws Exception {
        host = new InProcessNetwork().node(dir.resolve("host"), "member");
        CommunityId id = TestNode.idOf(TestNode.newKey());
        InMemoryBackend bittorrent = InMemoryBackend.bittorrent();
        BackendRegistry backends = new BackendRegistry();
        backends.add(bittorrent.name(), bittorrent);
        LinkFormat format = bittorrent.linkFormat();
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ArchiveMetadata m = new ArchiveMetadata(TimeRange.of(1000 + i * 100, 1100 + i * 100),
                    List.of(TestNode.general(id)));
            ArchiveLocation at = new ArchiveLocation.PieceRange(i * 16384L, 16384, 100);
            entries.add(new IndexEntry(format.archiveId(m, at), m, at));
        }
        DownloadedArchives downloads = new DownloadedArchives(dir.resolve("scheduler"));
        downloads.saveIndex(id, format.kind(), bittorrent.name(), "magnet:?xt=urn:btih:" + "ab".repeat(20),
                format.encodeIndex(entries));
        GatedFormat gated = new GatedFormat(new CoreArchiveFormat(host.store(), java.util.Optional.empty()));
        SchedulerContext ctx = new SchedulerContext(new VirtualTaskScheduler(Instant.EPOCH), host.store(),
                host.directory(), host.channel(), host.importer(), backends, gated,
                new CoreArchiveProgressStore(dir.resolve("scheduler/state")), downloads, e -> { },
                Duration.ofSeconds(30), Duration.ofHours(1));
        AcceptedIndexes indexes = new AcceptedIndexes(ctx);

        AtomicReference<List<AcceptedIndexes.Accepted>> first = new AtomicReference<>();
        AtomicReference<List<AcceptedIndexes.Accepted>> second = new AtomicReference<>();
        Thread decoding = new Thread(() -> first.set(indexes.all(id)));
        decoding.start();
        gated.entered.await();
        Thread listing = new Thread(() -> second.set(indexes.all(id)));
        listing.start();
        // wait until the listing either answered or waits for the decoding: a condition, not a delay
        while (listing.getState() != Thread.State.BLOCKED && listing.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        gated.release.countDown();
        decoding.join();
        listing.join();
        assertEquals(1, first.get().size());
        assertEquals(entries, first.get().get(0).entries());
        assertEquals(first.get(), second.get(), "the listing saw the whole index, not a map being filled");
    }
}
