package org.archivist.migration.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StoredArchiveReader;
import org.archivist.core.io.DataDirectories;
import org.archivist.migration.ArchiveSource;
import org.archivist.migration.ArchiveSources;
import org.archivist.migration.MigrationException;
import org.archivist.migration.MigrationProgress;
import org.archivist.migration.MigrationReport;
import org.archivist.migration.MigrationRequest;
import org.archivist.migration.MigrationService;
import org.archivist.migration.Migrator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MigrationService} in OSGi: every {@link StorageBackend} and {@link StoredArchiveReader} service by
 * its {@code storage.type} (multiple, dynamic), the host's cipher when there is one, EventAdmin when present.
 * One migration per community at a time; each runs in its caller's thread.
 */
@Component(configurationPid = MigrationComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MigrationComponent.Config.class)
public final class MigrationComponent implements MigrationService {
    public static final String PID = "org.archivist.migration";
    private static final Logger LOG = LoggerFactory.getLogger(MigrationComponent.class);

    @ObjectClassDefinition(name = "Archivist migration",
            description = "Moves a community's archive set from one storage backend to another (BitTorrent to Codex)")
    public @interface Config {
        @AttributeDefinition(name = "Journal directory", required = false,
                description = "Where each community's migration journal lives; default ${karaf.data}/archivist/migration")
        String directory() default "";

        @AttributeDefinition(name = "Assumed upload rate (MiB/s)",
                description = "Used only for a dry run's time estimate")
        int assumedMegabytesPerSecond() default 8;
    }

    private final Migrator migrator;
    private final Map<String, StorageBackend> backends = new ConcurrentHashMap<>();
    private final Map<String, StoredArchiveReader> readers = new ConcurrentHashMap<>();
    private final Set<CommunityId> running = ConcurrentHashMap.newKeySet();
    private final MigrationEvents events = new MigrationEvents();

    @Activate
    public MigrationComponent(Config config, @Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) ArchiveCipher cipher) {
        Path dir = DataDirectories.resolve(config.directory(), "migration");
        this.migrator = new Migrator(dir, Optional.ofNullable(cipher),
                Math.max(1, config.assumedMegabytesPerSecond()) * (1L << 20));
        LOG.info("migration service ready, journals in {}", dir);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBackend(StorageBackend backend, Map<String, Object> properties) {
        backends.put(String.valueOf(properties.get(StorageBackend.TYPE_PROPERTY)), backend);
    }

    void unbindBackend(StorageBackend backend, Map<String, Object> properties) {
        backends.remove(String.valueOf(properties.get(StorageBackend.TYPE_PROPERTY)), backend);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindReader(StoredArchiveReader reader, Map<String, Object> properties) {
        readers.put(String.valueOf(properties.get(StorageBackend.TYPE_PROPERTY)), reader);
    }

    void unbindReader(StoredArchiveReader reader, Map<String, Object> properties) {
        readers.remove(String.valueOf(properties.get(StorageBackend.TYPE_PROPERTY)), reader);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEventAdmin(EventAdmin admin) {
        events.set(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        events.unset(admin);
    }

    @Override
    public MigrationReport migrate(CommunityId community, MigrationRequest request, MigrationProgress progress)
            throws ArchivistException {
        try {
            return run(community, request, progress);
        } catch (MigrationException e) {
            events.failed(community, request, e);
            throw e;
        }
    }

    private MigrationReport run(CommunityId community, MigrationRequest request, MigrationProgress progress)
            throws MigrationException {
        StorageBackend source = backend(request.source());
        StorageBackend target = backend(request.target());
        StoredArchiveReader reader = readers.get(request.source());
        if (reader == null) {
            throw new MigrationException("backend '" + request.source() + "' cannot read back its stored archives"
                    + " (no StoredArchiveReader service of that storage.type); it cannot be a migration source", false);
        }
        if (!running.add(community)) {
            throw new MigrationException("a migration of " + community + " is already running", true);
        }
        try {
            ArchiveSource from = ArchiveSources.of(request.source(), source, reader, community);
            MigrationProgress both = step -> {
                events.on(community, request, step);
                progress.on(step);
            };
            return migrator.migrate(community, from, request.target(), target, request.dryRun(), both);
        } finally {
            running.remove(community);
        }
    }

    private StorageBackend backend(String name) throws MigrationException {
        StorageBackend b = backends.get(name);
        if (b == null) {
            throw new MigrationException("no storage backend '" + name + "' is registered now (registered: "
                    + backends.keySet() + ")", true);
        }
        return b;
    }
}
