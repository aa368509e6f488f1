package org.archivist.monitoring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.LinkKind;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/**
 * A community's MBean as a JMX client reads it, fed with the EventAdmin events the scheduler posts (their
 * properties, not Java objects): bytes stored and fetched, failures with the last error, last and next run.
 */
class CommunityMBeanTest {
    private static final CommunityId OWNED = CommunityId.of("0x02" + "11".repeat(32));
    private static final Instant NEXT = Instant.parse("2026-12-08T00:00:00Z");

    @Test
    void eventsAndTheSchedulersStatusAreAttributesInTheServer() throws Exception {
        CommunityCounters counters = new CommunityCounters();
        CommunityArchiveStatus status = new CommunityArchiveStatus(OWNED, Set.of("bittorrent", "codex"), true,
                OptionalLong.of(1_577_836_800L), Set.of("magnet:?xt=urn:btih:00"), 3, 0, Set.of(), Optional.of(NEXT));
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = MBeans.name("Community", OWNED.hex());
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        try (MBeans mbeans = new MBeans(server)) {
            mbeans.register(name, new CommunityMetrics(OWNED, service(status), counters), CommunityMetricsMBean.class);
            assertEquals(0L, server.getAttribute(name, "Failures"));
            assertEquals("", server.getAttribute(name, "LastError"));

            feed(counters, ArchiveEvent.Type.CREATED, Map.of(ArchiveEvent.FROM, 1L, ArchiveEvent.TO, 2L,
                    ArchiveEvent.BYTES, 1_000L), t);
            feed(counters, ArchiveEvent.Type.CREATED, Map.of(ArchiveEvent.FROM, 2L, ArchiveEvent.TO, 3L,
                    ArchiveEvent.BYTES, 500L), t.plusSeconds(10));
            feed(counters, ArchiveEvent.Type.FAILED, Map.of(ArchiveEvent.REASON,
                    "seeding or announcing on codex: connection refused"), t.plusSeconds(20));
            feed(counters, ArchiveEvent.Type.ARCHIVE_DOWNLOADED, Map.of(ArchiveEvent.FROM, 1L, ArchiveEvent.TO, 2L,
                    ArchiveEvent.BYTES, 700L), t.plusSeconds(30));
            feed(counters, ArchiveEvent.Type.FAILED, Map.of(ArchiveEvent.REASON,
                    "archive run on bittorrent: disk full"), t.plusSeconds(40));

            assertEquals(1_500L, server.getAttribute(name, "BytesStored"));
            assertEquals(700L, server.getAttribute(name, "BytesFetched"));
            assertEquals(2L, server.getAttribute(name, "Failures"));
            assertEquals("archive run on bittorrent: disk full", server.getAttribute(name, "LastError"));
            assertEquals(t.plusSeconds(40).toString(), server.getAttribute(name, "LastErrorTime"));
            assertEquals(t.plusSeconds(10).toString(), server.getAttribute(name, "LastRun"));
            assertEquals(NEXT.toString(), server.getAttribute(name, "NextRun"));
            assertEquals(3, server.getAttribute(name, "Archives"));
            assertEquals("owner", server.getAttribute(name, "Role"));
            assertEquals(2L, server.getAttribute(name, "ArchiveRuns"));
            assertTrue(Arrays.stream(server.getMBeanInfo(name).getAttributes()).map(MBeanAttributeInfo::getName)
                    .toList().containsAll(List.of("BytesStored", "BytesFetched", "Failures", "LastError",
                            "LastErrorTime", "LastRun", "NextRun", "DownloadsInProgress")));
        }
    }

    @Test
    void eventsOfOtherTopicsOrWithoutACommunityAreNotArchiveEvents() {
        assertTrue(ArchiveEvents.of(new Event("org/archivist/migration/STARTED",
                Map.of(ArchiveEvent.COMMUNITY, OWNED.hex()))).isEmpty());
        assertTrue(ArchiveEvents.of(new Event(ArchiveEvent.Type.FAILED.topic(), Map.of())).isEmpty());
        assertTrue(ArchiveEvents.of(new Event(ArchiveEvent.TOPIC_PREFIX + "NOT_A_TYPE",
                Map.of(ArchiveEvent.COMMUNITY, OWNED.hex()))).isEmpty());
        ArchiveEvent old = ArchiveEvents.of(new Event(ArchiveEvent.Type.CREATED.topic(),
                Map.of(ArchiveEvent.COMMUNITY, OWNED.hex()))).orElseThrow();
        assertTrue(old.bytes().isEmpty() && old.range().isEmpty() && old.reason().isEmpty(), old.toString());
    }

    private static void feed(CommunityCounters counters, ArchiveEvent.Type type, Map<String, Object> props,
            Instant at) {
        Map<String, Object> all = new java.util.HashMap<>(props);
        all.put(ArchiveEvent.COMMUNITY, OWNED.hex());
        counters.on(ArchiveEvents.of(new Event(type.topic(), all)).orElseThrow(), at);
    }

    private static ArchiveService service(CommunityArchiveStatus status) {
        return new ArchiveService() {
            @Override
            public List<CommunityArchiveStatus> communities() {
                return List.of(status);
            }

            @Override
            public Optional<CommunityArchiveStatus> community(CommunityId id) {
                return id.equals(status.community()) ? Optional.of(status) : Optional.empty();
            }

            @Override
            public void archiveNow(CommunityId id) {
            }

            @Override
            public boolean acceptJoinResponseLink(CommunityId id, String magnetUri) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<LinkKind, Long> linkClocks(CommunityId id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long raiseLinkClock(CommunityId id, LinkKind kind, long clock) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
