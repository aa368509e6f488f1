package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.LinkKind;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.api.storage.StorageBackend;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The thin OSGi parts: configuration parsing and the EventAdmin adapter. */
class ComponentsTest {
    static final CommunityId ID = CommunityId.of("0x02" + "ab".repeat(32));

    static CommunityArchiveComponent.Config config(String backend, String interval, String partition,
            String distribution) {
        return config(backend, interval, partition, distribution, 0);
    }

    static CommunityArchiveComponent.Config config(String backend, String interval, String partition,
            String distribution, int historyWindowDays) {
        return new CommunityArchiveComponent.Config() {
            public Class<? extends Annotation> annotationType() {
                return CommunityArchiveComponent.Config.class;
            }
            public String communityId() {
                return ID.hex();
            }
            public boolean enabled() {
                return true;
            }
            public String backend() {
                return backend;
            }
            public String interval() {
                return interval;
            }
            public String partition() {
                return partition;
            }
            public double importRate() {
                return 10;
            }
            public String distribution() {
                return distribution;
            }
            public String downloadOrder() {
                return "newest_first";
            }
            public int historyWindowDays() {
                return historyWindowDays;
            }
        };
    }

    /** DS deactivation reasons (ComponentConstants): 3 = configuration modified, 4 = deleted, 6 = bundle stopped. */
    @Test
    void onlyADeletedConfigurationUnseeds() {
        for (int reason : new int[] {0, 1, 2, 3, 4, 5, 6}) {
            List<String> calls = new ArrayList<>();
            CommunityConfigurations recorder = new CommunityConfigurations() {
                public void configure(ArchiveSettings settings) {
                    calls.add("configure");
                }
                public void remove(CommunityId id) {
                    calls.add("remove");
                }
                public void detach(CommunityId id) {
                    calls.add("detach");
                }
            };
            new CommunityArchiveComponent(recorder, config("both", "P7D", "", "any")).deactivate(reason);
            assertEquals(List.of("configure", reason == 4 ? "remove" : "detach"), calls, "reason " + reason);
        }
    }

    @Test
    void configurationBecomesSettings() {
        ArchiveSettings s = CommunityArchiveComponent.settings(config("both", "P7D", "", "codex"));
        assertEquals(Set.of(StorageBackend.BITTORRENT, StorageBackend.CODEX), s.backends());
        assertEquals(Duration.ofDays(7), s.interval());
        assertEquals(Duration.ofDays(7), s.partition(), "partition defaults to the interval");
        assertEquals(Set.of("codex"), s.distribution());
        assertEquals(ArchiveSettings.DownloadOrder.NEWEST_FIRST, s.downloadOrder());
        ArchiveSettings t = CommunityArchiveComponent.settings(config("codex", "3600", "PT30M", "any"));
        assertEquals(Duration.ofHours(1), t.interval());
        assertEquals(Duration.ofMinutes(30), t.partition());
        assertEquals(Set.of(), t.distribution(), "any: every backend's links");
    }

    @Test
    void theHistoryWindowIsInDaysZeroForEverythingNeverNegative() {
        assertEquals(Duration.ZERO, CommunityArchiveComponent.settings(config("codex", "P7D", "", "any")).historyWindow());
        ArchiveSettings ninety = CommunityArchiveComponent.settings(config("codex", "P7D", "", "any", 90));
        assertEquals(Duration.ofDays(90), ninety.historyWindow());
        assertTrue(ninety.windowed());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommunityArchiveComponent.settings(config("codex", "P7D", "", "any", -1)));
        assertTrue(e.getMessage().contains("historyWindowDays"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ArchiveSettings.defaults(ID).withHistoryWindow(Duration.ofSeconds(-1)));
    }

    @Test
    void anyBackendNameIsAcceptedAloneOrInACommaListInOrder() {
        assertEquals(List.of("ipfs"), List.copyOf(CommunityArchiveComponent.settings(
                config("ipfs", "P7D", "", "any")).backends()));
        assertEquals(List.of("codex", "slots", "bittorrent"), List.copyOf(CommunityArchiveComponent.settings(
                config("codex, slots,both", "P7D", "", "slots,codex")).backends()));
        assertEquals(Set.of("slots", "codex"), CommunityArchiveComponent.settings(
                config("codex", "P7D", "", "slots,codex")).distribution());
    }

    @Test
    void badConfigurationIsRefusedWithItsName() {
        IllegalArgumentException backend = assertThrows(IllegalArgumentException.class,
                () -> CommunityArchiveComponent.settings(config("ipfs node!", "P7D", "", "any")));
        assertTrue(backend.getMessage().contains("ipfs node!"), backend.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CommunityArchiveComponent.settings(config(" , ", "P7D", "", "any")));
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> CommunityArchiveComponent.settings(config("codex", "weekly", "", "any")));
        assertTrue(interval.getMessage().startsWith("interval"), interval.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CommunityArchiveComponent.settings(config("codex", "PT0S", "", "any")));
    }

    @Test
    void eventsGoToEventAdminWithCommunityAndRange() {
        List<Event> posted = new ArrayList<>();
        EventAdmin admin = new EventAdmin() {
            public void postEvent(Event event) {
                posted.add(event);
            }
            public void sendEvent(Event event) {
                throw new AssertionError("events are posted asynchronously");
            }
        };
        EventAdminPublisher publisher = new EventAdminPublisher();
        publisher.on(ArchiveEvent.of(ArchiveEvent.Type.SEEDING, ID)); // no EventAdmin yet: dropped
        publisher.set(admin);
        publisher.on(ArchiveEvent.of(ArchiveEvent.Type.CREATED, ID, TimeRange.of(100, 200)));
        publisher.on(ArchiveEvent.of(ArchiveEvent.Type.FINISHED, ID));
        publisher.on(ArchiveEvent.of(ArchiveEvent.Type.ARCHIVE_DOWNLOADED, ID, TimeRange.of(100, 200), 4096));
        publisher.on(ArchiveEvent.failed(ID, java.util.Optional.empty(), "import (retrying in PT30S): disk full"));
        publisher.unset(admin);
        publisher.on(ArchiveEvent.of(ArchiveEvent.Type.UNSEEDED, ID));
        assertEquals(4, posted.size());
        assertEquals(null, posted.get(0).getProperty(ArchiveEvent.BYTES), "no byte count given, none posted");
        assertEquals(4096L, posted.get(2).getProperty(ArchiveEvent.BYTES));
        assertEquals("org/archivist/archive/FAILED", posted.get(3).getTopic());
        assertEquals("import (retrying in PT30S): disk full", posted.get(3).getProperty(ArchiveEvent.REASON));
        assertEquals(null, posted.get(3).getProperty(ArchiveEvent.FROM));
        assertEquals("org/archivist/archive/CREATED", posted.get(0).getTopic());
        assertEquals(ID.hex(), posted.get(0).getProperty(ArchiveEvent.COMMUNITY));
        assertEquals(100L, posted.get(0).getProperty(ArchiveEvent.FROM));
        assertEquals(200L, posted.get(0).getProperty(ArchiveEvent.TO));
        assertEquals("org/archivist/archive/FINISHED", posted.get(1).getTopic());
        assertEquals(null, posted.get(1).getProperty(ArchiveEvent.FROM));
    }
}
