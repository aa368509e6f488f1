package org.archivist.monitoring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;

import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.StorageUsage;
import org.junit.jupiter.api.Test;

/** The archive storage MBean as a JMX client reads it: the node's storage in use and its limit, read live. */
class ArchiveStorageMetricsTest {

    @Test
    void storageUsedAndMaxAreAttributesReadOnEachAccess() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        AtomicReference<Optional<StorageUsage>> usage = new AtomicReference<>(Optional.of(new StorageUsage(1500, 4096)));
        ArchiveService service = (ArchiveService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ArchiveService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("storageUsage")) {
                        return usage.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        ArchiveStorageMetrics metrics = new ArchiveStorageMetrics(service, server);
        try {
            assertEquals(1500L, server.getAttribute(ArchiveStorageMetrics.NAME, "StorageUsedBytes"));
            assertEquals(4096L, server.getAttribute(ArchiveStorageMetrics.NAME, "StorageMaxBytes"));
            usage.set(Optional.of(new StorageUsage(2000, 0)));
            assertEquals(2000L, server.getAttribute(ArchiveStorageMetrics.NAME, "StorageUsedBytes"));
            assertEquals(0L, server.getAttribute(ArchiveStorageMetrics.NAME, "StorageMaxBytes"));
            usage.set(Optional.empty());
            assertEquals(-1L, server.getAttribute(ArchiveStorageMetrics.NAME, "StorageUsedBytes"));

            assertEquals("", server.getAttribute(ArchiveStorageMetrics.NAME, "StorageRelease"), "no node storage");
            metrics.bindNodeStorage((org.archivist.api.service.NodeStorage) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {org.archivist.api.service.NodeStorage.class},
                    (proxy, method, args) -> org.archivist.api.service.ReleasePolicy.FILES_THEN_ARCHIVES));
            assertEquals("files-then-archives", server.getAttribute(ArchiveStorageMetrics.NAME, "StorageRelease"));
            metrics.handleEvent(new org.osgi.service.event.Event(org.archivist.api.service.NodeStorage.RELEASED_TOPIC,
                    java.util.Map.of(org.archivist.api.service.NodeStorage.BYTES, 300L)));
            metrics.handleEvent(new org.osgi.service.event.Event(org.archivist.api.service.NodeStorage.RELEASED_TOPIC,
                    java.util.Map.of(org.archivist.api.service.NodeStorage.BYTES, 700L)));
            metrics.handleEvent(new org.osgi.service.event.Event(
                    org.archivist.api.service.NodeStorage.LIMIT_REACHED_TOPIC, java.util.Map.of()));
            assertEquals(2L, server.getAttribute(ArchiveStorageMetrics.NAME, "ReleasedCopies"));
            assertEquals(1000L, server.getAttribute(ArchiveStorageMetrics.NAME, "ReleasedBytes"));
            assertEquals(1L, server.getAttribute(ArchiveStorageMetrics.NAME, "LimitReachedCount"));
        } finally {
            metrics.deactivate();
        }
        assertFalse(server.isRegistered(ArchiveStorageMetrics.NAME), "unregistered when the component goes");
    }
}
