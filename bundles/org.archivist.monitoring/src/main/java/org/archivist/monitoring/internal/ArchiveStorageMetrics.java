package org.archivist.monitoring.internal;

import java.util.Optional;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.StorageUsage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes {@link ArchiveService#storageUsage()} as the MBean {@code org.archivist:type=ArchiveStorage,name="archives"},
 * read on each access (each read walks the storage directories once).
 */
@Component(immediate = true, service = {})
public class ArchiveStorageMetrics implements ArchiveStorageMetricsMBean {
    static final ObjectName NAME = MBeans.name("ArchiveStorage", "archives");

    private final ArchiveService archives;
    private final MBeans mbeans;

    @Activate
    public ArchiveStorageMetrics(@Reference ArchiveService archives, @Reference MBeanServer server) {
        this.archives = archives;
        this.mbeans = new MBeans(server);
        mbeans.register(NAME, this, ArchiveStorageMetricsMBean.class);
    }

    @Deactivate
    void deactivate() {
        mbeans.close();
    }

    @Override
    public long getStorageUsedBytes() {
        return usage().map(StorageUsage::usedBytes).orElse(-1L);
    }

    @Override
    public long getStorageMaxBytes() {
        return usage().map(StorageUsage::maxBytes).orElse(-1L);
    }

    private Optional<StorageUsage> usage() {
        try {
            return archives.storageUsage();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
