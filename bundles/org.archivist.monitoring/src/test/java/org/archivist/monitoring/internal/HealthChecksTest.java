package org.archivist.monitoring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.felix.hc.api.Result;
import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.junit.jupiter.api.Test;

class HealthChecksTest {
    private static final CommunityId OWNED = CommunityId.of("0x02" + "11".repeat(32));
    private static final CommunityId JOINED = CommunityId.of("0x03" + "22".repeat(32));

    @Test
    void noSchedulerIsCritical() {
        assertEquals(Result.Status.CRITICAL, SchedulerHealthCheck.check(null).getStatus());
    }

    @Test
    void anOwnedCommunityOnAMissingBackendIsCritical() {
        ArchiveService archives = service(status(OWNED, true, "codex", true), status(JOINED, false, "bittorrent", false));
        Result r = SchedulerHealthCheck.check(archives);
        assertEquals(Result.Status.CRITICAL, r.getStatus());
        assertTrue(r.toString().contains(OWNED.hex()), r.toString());
    }

    @Test
    void everyOwnedCommunityServedIsOk() {
        ArchiveService archives = service(status(OWNED, true, "bittorrent", false), status(JOINED, false, "codex", false));
        assertEquals(Result.Status.OK, SchedulerHealthCheck.check(archives).getStatus());
    }

    @Test
    void aMemberWaitingForABackendIsAWarning() {
        ArchiveService archives = service(status(OWNED, true, "bittorrent", false), status(JOINED, false, "codex", true));
        assertEquals(Result.Status.WARN, SchedulerHealthCheck.check(archives).getStatus());
    }

    @Test
    void backendStatesMapToHealth() {
        assertEquals(Result.Status.OK, health(BackendSnapshot.State.UP));
        assertEquals(Result.Status.WARN, health(BackendSnapshot.State.STARTING));
        assertEquals(Result.Status.CRITICAL, health(BackendSnapshot.State.DOWN));
    }

    @Test
    void countersFollowTheEvents() {
        CommunityCounters c = new CommunityCounters();
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        c.on(ArchiveEvent.of(ArchiveEvent.Type.DOWNLOAD_STARTED, JOINED), t);
        c.on(ArchiveEvent.of(ArchiveEvent.Type.ARCHIVE_DOWNLOADED, JOINED), t);
        c.on(ArchiveEvent.of(ArchiveEvent.Type.ARCHIVE_DOWNLOADED, JOINED), t);
        assertEquals(1, c.downloadsInProgress());
        c.on(ArchiveEvent.of(ArchiveEvent.Type.FINISHED, JOINED), t.plusSeconds(5));
        assertEquals(0, c.downloadsInProgress());
        assertEquals(2, c.archivesDownloaded());
        assertEquals(1, c.importsFinished());
        assertEquals(Optional.of(t.plusSeconds(5)), c.lastRun());
    }

    private static Result.Status health(BackendSnapshot.State state) {
        return new BackendHealthCheck(() -> new BackendSnapshot("codex", state, "why", Map.of("x", 1L))).execute()
                .getStatus();
    }

    private static CommunityArchiveStatus status(CommunityId id, boolean owner, String backend, boolean missing) {
        return new CommunityArchiveStatus(id, Set.of(backend), owner, OptionalLong.empty(), Set.of(), 0, 0,
                missing ? Set.of(backend) : Set.of());
    }

    private static ArchiveService service(CommunityArchiveStatus... statuses) {
        return new ArchiveService() {
            @Override
            public List<CommunityArchiveStatus> communities() {
                return List.of(statuses);
            }

            @Override
            public Optional<CommunityArchiveStatus> community(CommunityId id) {
                return communities().stream().filter(s -> s.community().equals(id)).findFirst();
            }

            @Override
            public void archiveNow(CommunityId id) {
            }
        };
    }

}
