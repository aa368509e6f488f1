package org.archivist.monitoring.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.StorageBackend;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The scheduler's health: CRITICAL when the archive service is not running, or when a community this node
 * owns is configured for a backend that is not running here (its runs cannot publish, its downloads wait); OK otherwise, with
 * the communities it serves.
 */
@Component(service = HealthCheck.class, property = {
        HealthCheck.NAME + "=Archivist scheduler",
        HealthCheck.TAGS + "=archivist",
        HealthCheck.TAGS + "=archivist-scheduler",
        HealthCheck.MBEAN_NAME + "=archivist-scheduler" })
public class SchedulerHealthCheck implements HealthCheck {
    private volatile ArchiveService archives;
    private final List<StorageBackend> backends = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindArchives(ArchiveService service) {
        archives = service;
    }

    void unbindArchives(ArchiveService service) {
        if (archives == service) {
            archives = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindBackend(StorageBackend backend) {
        backends.add(backend);
    }

    void unbindBackend(StorageBackend backend) {
        backends.remove(backend);
    }

    @Override
    public Result execute() {
        return check(archives, backends);
    }

    static Result check(ArchiveService archives, List<StorageBackend> backends) {
        FormattingResultLog log = new FormattingResultLog();
        if (archives == null) {
            log.critical("the archive scheduler is not running (no ArchiveService): no community is archived");
            return new Result(log);
        }
        Set<String> running = new TreeSet<>();
        backends.forEach(b -> running.add(b.type()));
        List<CommunityArchiveStatus> communities = archives.communities();
        for (CommunityArchiveStatus c : communities) {
            if (!c.controlNode()) {
                continue; // a member's backends come from the links it is sent, not from its configuration
            }
            Set<String> missing = new TreeSet<>(c.backends());
            missing.removeAll(running);
            if (!missing.isEmpty()) {
                log.critical("community {} uses {} but no such backend is running (running: {})", c.community(),
                        missing, running);
            }
        }
        log.info("{} communities configured, backends running: {}", communities.size(), running);
        return new Result(log);
    }
}
