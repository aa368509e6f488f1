package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.service.StorageUsage;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.link.MagnetLinkFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What counts against the node's storage limit, and when an archive is refused. */
class StorageLimitTest {
    @TempDir
    Path dir;
    final BackendRegistry backends = new BackendRegistry();
    final AtomicInteger statusCalls = new AtomicInteger();

    StorageBackend backend(LinkFormat format, Map<String, Object> metrics) {
        return (StorageBackend) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StorageBackend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "linkFormat" -> format;
                    case "status" -> {
                        statusCalls.incrementAndGet();
                        yield BackendStatus.up(metrics);
                    }
                    case "toString" -> "backend " + format.kind();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static IndexEntry entry(ArchiveLocation at) {
        return new IndexEntry("0xabc", new ArchiveMetadata(TimeRange.of(0, 100), List.of()), at);
    }

    @Test
    void countsTheBackendsStoredBytesAndEveryFileUnderTheSchedulersDirectory() throws Exception {
        backends.add("bittorrent", backend(MagnetLinkFormat.INSTANCE, Map.of(StorageUsage.STORED_BYTES_METRIC, 1000L)));
        backends.add("codex", backend(IndexCidLinkFormat.INSTANCE, Map.of(StorageUsage.STORED_BYTES_METRIC, 500,
                "other", 7)));
        Files.createDirectories(dir.resolve("a/downloaded"));
        Files.write(dir.resolve("a/downloaded/x"), new byte[300]);
        Files.write(dir.resolve("state"), new byte[20]);

        StorageUsage u = new StorageLimit(backends, dir, 5000).usage();

        assertEquals(new StorageUsage(1820, 5000), u);
        assertEquals(2, statusCalls.get(), "each backend asked once");
    }

    @Test
    void aBackendWithoutTheMetricAndAMissingDirectoryCountNothing() throws Exception {
        backends.add("codex", backend(IndexCidLinkFormat.INSTANCE, Map.of("peers", 3)));
        assertEquals(new StorageUsage(0, 0), new StorageLimit(backends, dir.resolve("absent"), 0).usage());
    }

    @Test
    void refusesAnArchiveWhoseDownloadWouldPassTheLimitWithAClearMessage() throws Exception {
        backends.add("bittorrent", backend(MagnetLinkFormat.INSTANCE, Map.of(StorageUsage.STORED_BYTES_METRIC, 1000L)));
        IndexEntry e = entry(new ArchiveLocation.PieceRange(0, 4000, 10));
        long fits = 1000 + StorageLimit.bytesWritten(4000);
        StorageLimit limit = new StorageLimit(backends, dir, fits - 1);

        StorageLimitException refused = assertThrows(StorageLimitException.class, () -> limit.admit(e));
        assertEquals("storage limit: 1000 of " + (fits - 1) + " bytes in use; archive 0xabc (4000 bytes) not"
                + " downloaded", refused.getMessage());
        assertTrue(refused.retryable());

        limit.setMaxBytes(fits); // raised at run time
        limit.admit(e);
        limit.setMaxBytes(0); // no limit
        limit.admit(e);
    }

    @Test
    void anArchiveWithoutASizeInItsIndexIsNotCheckedAndNothingIsWalkedWithoutALimit() throws Exception {
        backends.add("bittorrent", backend(MagnetLinkFormat.INSTANCE, Map.of(StorageUsage.STORED_BYTES_METRIC, 1000L)));
        new StorageLimit(backends, dir, 1).admit(entry(new ArchiveLocation.ContentAddress("zDvZ")));
        new StorageLimit(backends, dir, 0).admit(entry(new ArchiveLocation.PieceRange(0, 4000, 10)));
        assertEquals(0, statusCalls.get());
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StorageLimit(backends, dir, -1));
    }
}
