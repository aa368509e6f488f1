package org.archivist.monitoring.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;

import org.archivist.api.content.ContentEvents;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileMetadata;
import org.archivist.api.content.FileService;
import org.archivist.api.content.PublishHandle;
import org.archivist.api.content.StorageUsage;
import org.archivist.api.content.Transfer;
import org.archivist.api.content.TransferInfo;
import org.archivist.api.content.TransferState;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** The file storage MBean as a JMX client reads it: usage, limit, limit events counted, transfers. */
class FileStorageMetricsTest {

    @Test
    void usageLimitAndTransfersAreAttributesInTheServer() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        AtomicReference<StorageUsage> usage = new AtomicReference<>(new StorageUsage(1500, 4096, false));
        FileStorageMetrics metrics = new FileStorageMetrics(new Files(usage), server);
        try {
            assertEquals(1500L, server.getAttribute(FileStorageMetrics.NAME, "UsedBytes"));
            assertEquals(4096L, server.getAttribute(FileStorageMetrics.NAME, "MaxBytes"));
            assertEquals(false, server.getAttribute(FileStorageMetrics.NAME, "AtLimit"));
            assertArrayEquals(new String[] {"bittorrent", "codex"},
                    (String[]) server.getAttribute(FileStorageMetrics.NAME, "StorageTypes"));
            assertEquals(1, server.getAttribute(FileStorageMetrics.NAME, "RunningTransfers"));
            assertEquals(1, server.getAttribute(FileStorageMetrics.NAME, "FailedTransfers"));

            usage.set(new StorageUsage(4000, 4096, true));
            metrics.handleEvent(new Event(ContentEvents.STORAGE_LIMIT_REACHED, Map.of(ContentEvents.USED_BYTES,
                    4000L)));
            assertEquals(true, server.getAttribute(FileStorageMetrics.NAME, "AtLimit"));
            assertEquals(1L, server.getAttribute(FileStorageMetrics.NAME, "LimitReachedCount"));
        } finally {
            metrics.deactivate();
        }
        assertFalse(server.isRegistered(FileStorageMetrics.NAME), "unregistered when the component goes");
    }

    /** A file service that only reports (the metrics read nothing else). */
    private record Files(AtomicReference<StorageUsage> now) implements FileService {
        @Override
        public StorageUsage usage() {
            return now.get();
        }

        @Override
        public Set<String> storageTypes() {
            return Set.of("bittorrent", "codex").stream().sorted().collect(java.util.stream.Collectors
                    .toCollection(java.util.LinkedHashSet::new));
        }

        @Override
        public List<TransferInfo> transfers() {
            Instant t = Instant.parse("2026-12-01T00:00:00Z");
            return List.of(info(TransferState.DONE, t), info(TransferState.TRANSFERRING, t),
                    info(TransferState.FAILED, t));
        }

        private static TransferInfo info(TransferState state, Instant t) {
            return new TransferInfo(TransferInfo.Direction.FETCH, "x", Optional.empty(), state, 0, -1, t,
                    Optional.empty());
        }

        @Override
        public PublishHandle publish(Path file, FileMetadata metadata) throws ContentException {
            throw new ContentException("not in this test", false);
        }

        @Override
        public PublishHandle publish(byte[] bytes, FileMetadata metadata) throws ContentException {
            throw new ContentException("not in this test", false);
        }

        @Override
        public Transfer<Path> fetch(FileLink link) throws ContentException {
            throw new ContentException("not in this test", false);
        }

        @Override
        public void release(FileLink link) throws ContentException {
            throw new ContentException("not in this test", false);
        }
    }
}
