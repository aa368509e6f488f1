package org.archivist.monitoring.internal;

import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.archivist.api.content.ContentEvents;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.FileService;
import org.archivist.api.content.TransferState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Publishes the {@link FileService}'s storage usage, limit and transfers as the MBean
 * {@code org.archivist:type=FileStorage,name="files"} (read on each access) and counts the storage limit events
 * ({@link ContentEvents#STORAGE_LIMIT_REACHED}). Without the content feature (no file service) there is no such
 * MBean; the file service's arrival restarts the component with it (greedy).
 */
@Component(immediate = true, service = EventHandler.class,
        property = EventConstants.EVENT_TOPIC + "=" + ContentEvents.STORAGE_LIMIT_REACHED)
public class FileStorageMetrics implements FileStorageMetricsMBean, EventHandler {
    static final ObjectName NAME = MBeans.name("FileStorage", "files");

    private final FileService files;
    private final MBeans mbeans;
    private final AtomicLong limitReached = new AtomicLong();

    @Activate
    public FileStorageMetrics(
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            FileService files, @Reference MBeanServer server) {
        this.files = files;
        this.mbeans = new MBeans(server);
        if (files != null) {
            mbeans.register(NAME, this, FileStorageMetricsMBean.class);
        }
    }

    @Deactivate
    void deactivate() {
        mbeans.close();
    }

    @Override
    public void handleEvent(Event event) {
        limitReached.incrementAndGet();
    }

    @Override
    public long getUsedBytes() {
        try {
            return files.usage().usedBytes();
        } catch (ContentException e) {
            return -1;
        }
    }

    @Override
    public long getMaxBytes() {
        try {
            return files.usage().maxBytes();
        } catch (ContentException e) {
            return -1;
        }
    }

    @Override
    public boolean isAtLimit() {
        try {
            return files.usage().atLimit();
        } catch (ContentException e) {
            return false;
        }
    }

    @Override
    public long getLimitReachedCount() {
        return limitReached.get();
    }

    @Override
    public String[] getStorageTypes() {
        return files.storageTypes().toArray(new String[0]);
    }

    @Override
    public int getRunningTransfers() {
        return (int) files.transfers().stream().filter(t -> !t.state().finished()).count();
    }

    @Override
    public int getFailedTransfers() {
        return (int) files.transfers().stream().filter(t -> t.state() == TransferState.FAILED).count();
    }
}
