package org.archivist.monitoring.internal;

import java.util.List;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The scheduler's health: CRITICAL when the archive service is not running, or when a community this node
 * owns is paused because one of its backends is not running (its archives are not published there); WARN when
 * a member community waits for a backend; OK otherwise, with the number of communities.
 */
@Component(service = HealthCheck.class, property = {
        HealthCheck.NAME + "=Archivist scheduler",
        HealthCheck.TAGS + "=archivist",
        HealthCheck.TAGS + "=archivist-scheduler",
        HealthCheck.MBEAN_NAME + "=archivist-scheduler" })
public class SchedulerHealthCheck implements HealthCheck {
    private volatile ArchiveService archives;

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

    @Override
    public Result execute() {
        return check(archives);
    }

    static Result check(ArchiveService archives) {
        FormattingResultLog log = new FormattingResultLog();
        if (archives == null) {
            log.critical("the archive scheduler is not running (no ArchiveService): no community is archived");
            return new Result(log);
        }
        List<CommunityArchiveStatus> communities = archives.communities();
        for (CommunityArchiveStatus c : communities) {
            if (!c.paused()) {
                continue;
            }
            if (c.controlNode()) {
                log.critical("community {} is paused: its backend(s) {} are not running", c.community(),
                        c.unavailableBackends());
            } else {
                log.warn("community {} waits for backend(s) {}", c.community(), c.unavailableBackends());
            }
        }
        log.info("{} communities configured", communities.size());
        return new Result(log);
    }
}
