package org.archivist.storage.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.DownloadProgress;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StorageBackend} and {@link PublishSession} (see their javadoc), as tests every
 * backend passes. Extend it in a backend's tests and provide an owner and a member backend (the member
 * fetches what the owner publishes: two nodes on loopback, or the same instance when the backend is local).
 * The index published is built with the backend's own {@link LinkFormat}, so any backend can be checked.
 */
public abstract class StorageBackendContract {
    /** A plain (unencrypted) test community. */
    protected static final CommunityId COMMUNITY = CommunityId.of("0x02" + "ab".repeat(32));
    private static final List<ContentTopic> TOPICS = List.of(ContentTopic.of("0a0b0c0d"));

    /** The owner's backend, started and ready (status UP) for each test. */
    protected abstract StorageBackend owner() throws Exception;

    /** The member's backend, which can fetch what {@link #owner()} publishes. */
    protected abstract StorageBackend member() throws Exception;

    /** One published set: its link, the index bytes, the entries and the blobs in entry order. */
    protected record PublishedSet(String link, byte[] index, List<IndexEntry> entries, List<byte[]> blobs) {
    }

    protected static byte[] blob(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Publishes the blobs (the first through a stream writer, the rest as arrays) with a valid index. */
    protected PublishedSet publish(StorageBackend backend, long startSeconds, byte[]... blobs) throws Exception {
        LinkFormat format = backend.linkFormat();
        List<IndexEntry> entries = new ArrayList<>();
        try (PublishSession session = backend.beginPublish(COMMUNITY)) {
            session.existingIndex().ifPresent(existing -> {
                // a set built on: this kit only publishes fresh sets per backend instance
            });
            long from = startSeconds;
            for (int i = 0; i < blobs.length; i++) {
                byte[] b = blobs[i];
                ArchiveLocation location = i == 0
                        ? session.append(b.length, out -> {
                            for (int o = 0; o < b.length; o += 1000) {
                                out.write(b, o, Math.min(1000, b.length - o));
                            }
                        })
                        : session.append(b);
                ArchiveMetadata metadata = new ArchiveMetadata(TimeRange.of(from, from + 3600), TOPICS);
                entries.add(new IndexEntry(format.archiveId(metadata, location), metadata, location));
                from += 3600;
            }
            byte[] index = format.encodeIndex(entries);
            String link = session.commit(index);
            return new PublishedSet(link, index, entries, List.of(blobs));
        }
    }

    @Test
    void aStartedBackendIsUp() throws Exception {
        BackendStatus status = owner().status();
        assertEquals(BackendStatus.State.UP, status.state(), status.detail());
    }

    @Test
    void whatTheOwnerPublishesTheMemberFetchesExactly() throws Exception {
        PublishedSet set = publish(owner(), 1_700_000_000L, blob(150_000, 1), blob(10, 2), blob(250_001, 3));
        assertEquals(Optional.of(set.link()), owner().currentLink(COMMUNITY));
        owner().seed(COMMUNITY);
        try (ArchiveDownload download = member().download(COMMUNITY, set.link())) {
            assertEquals(set.link(), download.link());
            assertArrayEquals(set.index(), download.index());
            List<IndexEntry> decoded = owner().linkFormat().decodeIndex(download.index(), 100);
            assertEquals(set.entries().size(), decoded.size());
            for (int i = 0; i < set.entries().size(); i++) {
                long[] last = {-1};
                byte[] fetched = download.archive(set.entries().get(i).location(),
                        (done, total) -> last[0] = done);
                assertArrayEquals(set.blobs().get(i), fetched, "archive " + i);
            }
        }
    }

    /** {@link ArchiveDownload#archiveTo}: each archive into a file (replacing what was there), the same bytes. */
    @Test
    void theMemberFetchesEachArchiveIntoAFileExactly() throws Exception {
        PublishedSet set = publish(owner(), 1_700_000_000L, blob(150_000, 6), blob(10, 7), blob(250_001, 8));
        owner().seed(COMMUNITY);
        Path dir = Files.createTempDirectory("archivist-contract-archive-to");
        try (ArchiveDownload download = member().download(COMMUNITY, set.link())) {
            for (int i = 0; i < set.entries().size(); i++) {
                Path target = dir.resolve("archive-" + i);
                Files.write(target, new byte[400_000]); // longer than any archive: must be replaced, not overwritten
                long length = download.archiveTo(set.entries().get(i).location(), target, DownloadProgress.NONE);
                assertEquals(set.blobs().get(i).length, length, "archive " + i);
                assertArrayEquals(set.blobs().get(i), Files.readAllBytes(target), "archive " + i);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void aSessionClosedWithoutCommitLeavesTheSetAsItWas() throws Exception {
        PublishedSet first = publish(owner(), 1_700_000_000L, blob(5000, 4));
        try (PublishSession session = owner().beginPublish(COMMUNITY)) {
            session.append(blob(7000, 5));
        }
        assertEquals(Optional.of(first.link()), owner().currentLink(COMMUNITY));
        try (PublishSession session = owner().beginPublish(COMMUNITY)) {
            assertArrayEquals(first.index(), session.existingIndex().orElseThrow());
        }
    }

    @Test
    void misuseOfASessionIsAnIllegalStateExceptionAndChangesNothing() throws Exception {
        PublishSession session = owner().beginPublish(COMMUNITY);
        try {
            assertThrows(IllegalArgumentException.class, () -> session.append(0, out -> { }));
            assertThrows(IllegalStateException.class, () -> session.append(100, out -> out.write(new byte[99])));
            assertThrows(IllegalStateException.class, () -> session.append(100, out -> out.write(new byte[101])));
            session.append(blob(3000, 6));
        } finally {
            session.close();
        }
        session.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> session.append(blob(10, 7)));
        assertThrows(IllegalStateException.class, () -> session.commit(new byte[] {1}));
        assertEquals(Optional.empty(), owner().currentLink(COMMUNITY));
    }

    @Test
    void aFailingWriterIsAStorageExceptionCarryingItsCause() throws Exception {
        IOException boom = new IOException("the archive source broke");
        try (PublishSession session = owner().beginPublish(COMMUNITY)) {
            StorageException e = assertThrows(StorageException.class, () -> session.append(5000, out -> {
                out.write(new byte[1000]);
                throw boom;
            }));
            assertSame(boom, rootOf(e, boom));
            assertTrue(!e.retryable(), "a broken writer does not heal by itself");
        }
        assertEquals(Optional.empty(), owner().currentLink(COMMUNITY));
    }

    @Test
    void oneSessionPerCommunityAtATime() throws Exception {
        try (PublishSession session = owner().beginPublish(COMMUNITY)) {
            StorageException e = assertThrows(StorageException.class, () -> owner().beginPublish(COMMUNITY));
            assertTrue(e.retryable(), e.getMessage());
        }
        owner().beginPublish(COMMUNITY).close();
    }

    @Test
    void unseedKeepsTheCommittedSetForTheNextSeedAndPublish() throws Exception {
        PublishedSet first = publish(owner(), 1_700_000_000L, blob(4000, 8));
        owner().seed(COMMUNITY);
        owner().unseed(COMMUNITY);
        owner().unseed(COMMUNITY); // idempotent
        assertEquals(Optional.of(first.link()), owner().currentLink(COMMUNITY));
        owner().seed(COMMUNITY);
        try (PublishSession session = owner().beginPublish(COMMUNITY)) {
            assertArrayEquals(first.index(), session.existingIndex().orElseThrow());
        }
    }

    @Test
    void aCancelledDownloadStopsWithCancellation() throws Exception {
        PublishedSet set = publish(owner(), 1_700_000_000L, blob(20_000, 9));
        owner().seed(COMMUNITY);
        try (ArchiveDownload download = member().download(COMMUNITY, set.link())) {
            download.index();
            download.cancel();
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> download.archive(set.entries().get(0).location(), DownloadProgress.NONE));
        }
        assertNotEquals(null, set.link());
    }

    private static Throwable rootOf(Throwable e, Throwable wanted) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t == wanted) {
                return t;
            }
        }
        return e;
    }
}
