package org.archivist.monitoring.internal;

import java.time.Clock;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.felix.hc.api.HealthCheck;
import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.StorageBackend;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes Archivist's metrics as JMX MBeans in the platform MBean server (Karaf's {@code management}
 * feature serves them over JMX/RMI): one per configured community ({@code org.archivist:type=Community}),
 * counting its archive events, and one per storage backend ({@code org.archivist:type=Backend}); registers a
 * Felix health check per backend. Communities are looked up on each event and every {@value #SYNC_SECONDS} s.
 */
@Component(immediate = true, service = EventHandler.class,
        property = EventConstants.EVENT_TOPIC + "=" + ArchiveEvent.TOPIC_PREFIX + "*")
public class MonitoringComponent implements EventHandler {
    private final ArchiveService archives;
    private final MBeans mbeans;
    private final BundleContext context;
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringComponent.class);
    /** How often configured communities are looked up (configurations come and go without events). */
    static final long SYNC_SECONDS = 5;

    private final ScheduledExecutorService sync;
    private final Clock clock = Clock.systemUTC();
    private final Map<CommunityId, CommunityCounters> counters = new ConcurrentHashMap<>();
    private final Map<StorageBackend, ServiceRegistration<HealthCheck>> healthChecks = new ConcurrentHashMap<>();
    private final Map<StorageBackend, ObjectName> backendNames = new ConcurrentHashMap<>();

    @Activate
    public MonitoringComponent(@Reference ArchiveService archives, @Reference MBeanServer server,
            BundleContext context) {
        this.archives = archives;
        this.mbeans = new MBeans(server);
        this.context = context;
        this.sync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "archivist-monitoring");
            t.setDaemon(true);
            return t;
        });
        syncCommunities();
        sync.scheduleWithFixedDelay(this::syncQuietly, SYNC_SECONDS, SYNC_SECONDS, TimeUnit.SECONDS);
    }

    private void syncQuietly() {
        try {
            syncCommunities();
        } catch (RuntimeException e) {
            LOG.warn("cannot refresh the community MBeans: {}", e.toString());
        }
    }

    /** DS binds dynamic references after the constructor: {@link #mbeans} exists by then. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindBackend(StorageBackend backend, Map<String, Object> properties) {
        Object named = properties.get(StorageBackend.TYPE_PROPERTY);
        String type = named == null ? "unnamed-" + System.identityHashCode(backend) : named.toString();
        ObjectName name = MBeans.name("Backend", type);
        backendNames.put(backend, name);
        mbeans.register(name, new BackendMetrics(() -> BackendProbe.read(type, backend)), javax.management.DynamicMBean.class);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(HealthCheck.NAME, "Archivist " + type + " backend");
        props.put(HealthCheck.TAGS, new String[] {"archivist", BackendHealthCheck.TAG});
        props.put(HealthCheck.MBEAN_NAME, "archivist-" + type);
        healthChecks.put(backend, context.registerService(HealthCheck.class,
                new BackendHealthCheck(() -> BackendProbe.read(type, backend)), props));
    }

    synchronized void unbindBackend(StorageBackend backend) {
        ObjectName name = backendNames.remove(backend);
        if (name != null) {
            mbeans.unregister(name);
        }
        ServiceRegistration<HealthCheck> hc = healthChecks.remove(backend);
        if (hc != null) {
            try {
                hc.unregister();
            } catch (IllegalStateException gone) {
                // the bundle is stopping
            }
        }
    }

    @Override
    public void handleEvent(Event event) {
        java.util.Optional<ArchiveEvent> archiveEvent = ArchiveEvents.of(event);
        if (archiveEvent.isEmpty()) {
            return;
        }
        ArchiveEvent e = archiveEvent.get();
        counters.computeIfAbsent(e.community(), k -> new CommunityCounters()).on(e, clock.instant());
        syncCommunities();
    }

    /** One MBean per configured community: new ones registered, removed ones unregistered. */
    synchronized void syncCommunities() {
        Set<ObjectName> wanted = new HashSet<>();
        for (CommunityArchiveStatus c : archives.communities()) {
            ObjectName name = MBeans.name("Community", c.community().hex());
            wanted.add(name);
            if (!mbeans.has(name)) {
                CommunityCounters k = counters.computeIfAbsent(c.community(), x -> new CommunityCounters());
                mbeans.register(name, new CommunityMetrics(c.community(), archives, k), CommunityMetricsMBean.class);
            }
        }
        for (ObjectName name : mbeans.names()) {
            if ("Community".equals(name.getKeyProperty("type")) && !wanted.contains(name)) {
                mbeans.unregister(name);
            }
        }
    }

    @Deactivate
    synchronized void deactivate() {
        sync.shutdownNow();
        healthChecks.keySet().forEach(this::unbindBackend);
        mbeans.close();
    }
}
