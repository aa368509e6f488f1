package org.archivist.monitoring.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.StorageUsage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Publishes {@link ArchiveService#storageUsage()} (node-wide: archives, local copies and files) as the MBean
 * {@code org.archivist:type=ArchiveStorage,name="archives"}, read on each access (each read walks the storage
 * directories once), with the {@link NodeStorage#releasePolicy() release policy} and counts of the node storage's
 * events since the bundle started.
 */
@Component(immediate = true, service = EventHandler.class,
        property = EventConstants.EVENT_TOPIC + "=org/archivist/storage/*")
public class ArchiveStorageMetrics implements ArchiveStorageMetricsMBean, EventHandler {
    static final ObjectName NAME = MBeans.name("ArchiveStorage", "archives");

    private final ArchiveService archives;
    private final MBeans mbeans;
    private final AtomicLong releasedCopies = new AtomicLong();
    private final AtomicLong releasedBytes = new AtomicLong();
    private final AtomicLong limitReached = new AtomicLong();
    private volatile NodeStorage nodeStorage;

    @Activate
    public ArchiveStorageMetrics(@Reference ArchiveService archives, @Reference MBeanServer server) {
        this.archives = archives;
        this.mbeans = new MBeans(server);
        mbeans.register(NAME, this, ArchiveStorageMetricsMBean.class);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindNodeStorage(NodeStorage storage) {
        nodeStorage = storage;
    }

    void unbindNodeStorage(NodeStorage storage) {
        if (nodeStorage == storage) {
            nodeStorage = null;
        }
    }

    @Deactivate
    void deactivate() {
        mbeans.close();
    }

    @Override
    public void handleEvent(Event event) {
        if (NodeStorage.RELEASED_TOPIC.equals(event.getTopic())) {
            releasedCopies.incrementAndGet();
            if (event.getProperty(NodeStorage.BYTES) instanceof Number n) {
                releasedBytes.addAndGet(n.longValue());
            }
        } else if (NodeStorage.LIMIT_REACHED_TOPIC.equals(event.getTopic())) {
            limitReached.incrementAndGet();
        }
    }

    @Override
    public long getStorageUsedBytes() {
        return usage().map(StorageUsage::usedBytes).orElse(-1L);
    }

    @Override
    public long getStorageMaxBytes() {
        return usage().map(StorageUsage::maxBytes).orElse(-1L);
    }

    @Override
    public String getStorageRelease() {
        NodeStorage n = nodeStorage;
        return n == null ? "" : n.releasePolicy().configValue();
    }

    @Override
    public long getReleasedCopies() {
        return releasedCopies.get();
    }

    @Override
    public long getReleasedBytes() {
        return releasedBytes.get();
    }

    @Override
    public long getLimitReachedCount() {
        return limitReached.get();
    }

    private Optional<StorageUsage> usage() {
        try {
            return archives.storageUsage();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
