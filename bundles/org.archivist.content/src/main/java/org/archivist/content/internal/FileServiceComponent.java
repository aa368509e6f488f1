package org.archivist.content.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.content.BlobStore;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileMetadata;
import org.archivist.api.content.FileService;
import org.archivist.api.content.PublishHandle;
import org.archivist.api.content.Transfer;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.StorageHolder;
import org.archivist.core.io.DataDirectories;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link FileService}, binding every {@link BlobStore} as it comes and goes (by its
 * {@code storage.type}), and the host's cipher and directory when present. Runs without a configuration on the
 * defaults.
 */
@Component(service = {FileService.class, StorageHolder.class}, immediate = true,
        configurationPid = FileServiceComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FileServiceComponent.Config.class)
public final class FileServiceComponent implements FileService, StorageHolder {
    static final String PID = "org.archivist.content";
    private static final Logger LOG = LoggerFactory.getLogger(FileServiceComponent.class);

    @ObjectClassDefinition(name = "Archivist file service",
            description = "Files (up to 50 MB) and community descriptions on the storage backends' blob stores.")
    public @interface Config {
        @AttributeDefinition(description = "The service's files (outbox, fetched files); empty:"
                + " <karaf.data>/archivist/files")
        String directory() default "";

        @AttributeDefinition(description = "The storage type files are published on unless the host names one")
        String defaultStorage() default "codex";

        @AttributeDefinition(description = "Transfers running at the same time")
        int threads() default 4;

        @AttributeDefinition(description = "Attempts of a fetch before it fails")
        int fetchAttempts() default 4;

        @AttributeDefinition(description = "First pause between fetch attempts, in milliseconds (doubled each time)")
        long fetchPauseMillis() default 1000;

        @AttributeDefinition(description = "A sub-limit: the most megabytes the service's files may take (staged"
                + " publishes, fetched files); at it the oldest fetched copies are released, then transfers are"
                + " refused. 0: none. The node-wide limit for everything Archivist stores, files included, is the"
                + " scheduler's maxStorageBytes (org.archivist.scheduler) with its storageRelease policy")
        long maxMegabytes() default 0;
    }

    private final BlobStoreRegistry stores = new BlobStoreRegistry();
    private final LimitEvents limitEvents = new LimitEvents();
    private final DefaultFileService service;

    @Activate
    public FileServiceComponent(Config config,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ArchiveCipher cipher,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            CommunityDirectory directory) throws IOException {
        Path dir = DataDirectories.resolve(config.directory(), "files");
        this.service = new DefaultFileService(stores, dir, Optional.ofNullable(cipher), Optional.ofNullable(directory),
                config.defaultStorage(), config.threads(), config.fetchAttempts(),
                Duration.ofMillis(config.fetchPauseMillis()), config.maxMegabytes() * 1024 * 1024, limitEvents);
        if (config.maxMegabytes() > 0) {
            LOG.info("file service: maxMegabytes = {} is a sub-limit for files; the node-wide storage limit for"
                    + " everything Archivist stores is the scheduler's maxStorageBytes (org.archivist.scheduler)",
                    config.maxMegabytes());
        }
    }

    /** The scheduler's node-wide storage limit: asked before each transfer when present. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindNodeStorage(NodeStorage storage) {
        service.nodeStorage(storage);
        LOG.info("file service: files count against the node's storage limit");
    }

    void unbindNodeStorage(NodeStorage storage) {
        service.nodeStorage(null);
    }

    @Override
    public String name() {
        return service.storageHolder().name();
    }

    @Override
    public long storedBytes() throws IOException {
        return service.storageHolder().storedBytes();
    }

    @Override
    public java.util.List<ReleasableCopy> releasable() throws IOException {
        return service.storageHolder().releasable();
    }

    @Override
    public long release(ReleasableCopy copy) throws IOException {
        return service.storageHolder().release(copy);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEventAdmin(EventAdmin admin) {
        limitEvents.bind(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        limitEvents.unbind(admin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addStore(BlobStore store, Map<String, Object> properties) {
        Object type = properties.get(BlobStore.TYPE_PROPERTY);
        if (type == null) {
            LOG.warn("a blob store without {} is ignored: {}", BlobStore.TYPE_PROPERTY, store);
            return;
        }
        stores.add(type.toString(), store);
        try {
            service.resumePending(); // publishes waiting for this store
        } catch (IOException | ContentException e) {
            LOG.warn("cannot resume the pending publishes: {}", e.getMessage());
        }
    }

    void removeStore(BlobStore store, Map<String, Object> properties) {
        Object type = properties.get(BlobStore.TYPE_PROPERTY);
        if (type != null) {
            stores.remove(type.toString(), store);
        }
    }

    @Deactivate
    void deactivate() {
        service.close();
    }

    @Override
    public PublishHandle publish(Path file, FileMetadata metadata) throws ContentException {
        return service.publish(file, metadata);
    }

    @Override
    public PublishHandle publish(byte[] bytes, FileMetadata metadata) throws ContentException {
        return service.publish(bytes, metadata);
    }

    @Override
    public Transfer<Path> fetch(FileLink link) throws ContentException {
        return service.fetch(link);
    }

    @Override
    public void release(FileLink link) throws ContentException {
        service.release(link);
    }

    @Override
    public org.archivist.api.content.StorageUsage usage() throws ContentException {
        return service.usage();
    }

    @Override
    public java.util.Set<String> storageTypes() {
        return service.storageTypes();
    }

    @Override
    public java.util.List<org.archivist.api.content.TransferInfo> transfers() {
        return service.transfers();
    }
}
