package org.archivist.migration.internal;

import java.util.HashMap;
import java.util.Map;

import org.archivist.api.CommunityId;
import org.archivist.migration.MigrationException;
import org.archivist.migration.MigrationProgress.StepEvent;
import org.archivist.migration.MigrationRequest;
import org.archivist.migration.MigrationService;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts the migration's milestones to EventAdmin: {@code STARTED} (the plan), {@code ARCHIVE} (each archive
 * stored or skipped), {@code COMMITTED}, {@code FINISHED} and {@code FAILED}, under
 * {@link MigrationService#TOPIC_PREFIX}. The finer steps go to the caller's progress only.
 */
final class MigrationEvents {
    private volatile EventAdmin admin;

    void set(EventAdmin a) {
        admin = a;
    }

    void unset(EventAdmin a) {
        if (admin == a) {
            admin = null;
        }
    }

    void on(CommunityId community, MigrationRequest request, StepEvent step) {
        String topic = switch (step.step()) {
            case PLANNED -> "STARTED";
            case JOURNALED, SKIPPED -> "ARCHIVE";
            case COMMITTED -> "COMMITTED";
            case FINISHED -> "FINISHED";
            default -> null;
        };
        if (topic == null) {
            return;
        }
        Map<String, Object> props = base(community, request);
        props.put(MigrationService.ARCHIVES, step.total());
        props.put("archive", step.archive());
        props.put("bytesDone", step.bytesDone());
        props.put("bytesTotal", step.bytesTotal());
        step.archiveId().ifPresent(id -> props.put("archiveId", id));
        step.link().ifPresent(l -> props.put(MigrationService.LINK, l));
        post(topic, props);
    }

    void failed(CommunityId community, MigrationRequest request, MigrationException e) {
        Map<String, Object> props = base(community, request);
        props.put("message", String.valueOf(e.getMessage()));
        props.put("retryable", e.retryable());
        post("FAILED", props);
    }

    private static Map<String, Object> base(CommunityId community, MigrationRequest request) {
        Map<String, Object> props = new HashMap<>();
        props.put(MigrationService.COMMUNITY, community.hex());
        props.put(MigrationService.SOURCE, request.source());
        props.put(MigrationService.TARGET, request.target());
        props.put("dryRun", request.dryRun());
        return props;
    }

    private void post(String topic, Map<String, Object> props) {
        EventAdmin a = admin;
        if (a != null) {
            a.postEvent(new Event(MigrationService.TOPIC_PREFIX + topic, props));
        }
    }
}
