package org.archivist.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.IndexEntry;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StoredArchiveReader;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.migration.MigrationException;
import org.archivist.migration.MigrationProgress;
import org.archivist.migration.MigrationReport;
import org.archivist.migration.MigrationRequest;
import org.archivist.migration.MigrationService;
import org.archivist.storage.codex.CodexBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The OSGi service: backends and readers found by {@code storage.type}, the source read through the SPI (its
 * committed index through a publish session closed without commit, blobs through its StoredArchiveReader), events
 * on EventAdmin. Source and target are two Codex backends here (any registered pair works the same way).
 */
class MigrationComponentTest {
    @TempDir
    Path tmp;

    @Test
    void migratesBetweenRegisteredBackendsAndPostsEvents() throws Exception {
        try (CodexEmulator node = CodexEmulator.start(EmulatorConfig.builder().dataDir(tmp.resolve("node")).build());
                CodexBackends.ConnectedCodex a = CodexBackends.connect(node.baseUri(), tmp.resolve("a"));
                CodexBackends.ConnectedCodex b = CodexBackends.connect(node.baseUri(), tmp.resolve("b"))) {
            StorageBackend source = a.backend();
            StorageBackend target = b.backend();
            StoredArchiveReader sourceReader = assertInstanceOf(StoredArchiveReader.class, source,
                    "the Codex backend keeps its blobs readable (the optional StoredArchiveReader ability)");
            var dir = SourceFixture.build(tmp.resolve("bt"), 2, 0, MigrationHarness.CIPHER);
            String sourceLink;
            try (PublishSession s = source.beginPublish(SourceFixture.COMMUNITY)) {
                List<IndexEntry> entries = new ArrayList<>();
                for (IndexEntry e : dir.entries()) {
                    ArchiveLocation location = s.append(dir.readBlob((PieceRange) e.location()));
                    entries.add(new IndexEntry(source.linkFormat().archiveId(e.metadata(), location), e.metadata(),
                            location));
                }
                sourceLink = s.commit(source.linkFormat().encodeIndex(entries));
            }

            MigrationComponent component = new MigrationComponent(config(tmp.resolve("journal")), null);
            List<Event> events = new CopyOnWriteArrayList<>();
            component.bindEventAdmin(new EventAdmin() {
                @Override
                public void postEvent(Event event) {
                    events.add(event);
                }

                @Override
                public void sendEvent(Event event) {
                    events.add(event);
                }
            });
            component.bindBackend(target, Map.of(StorageBackend.TYPE_PROPERTY, "target"));
            MigrationRequest request = new MigrationRequest("source", "target", false);
            MigrationException missing = assertThrows(MigrationException.class,
                    () -> component.migrate(SourceFixture.COMMUNITY, request, MigrationProgress.NONE));
            assertTrue(missing.retryable(), "a backend not registered now may come: " + missing.getMessage());

            component.bindBackend(source, Map.of(StorageBackend.TYPE_PROPERTY, "source"));
            MigrationException noReader = assertThrows(MigrationException.class,
                    () -> component.migrate(SourceFixture.COMMUNITY, request, MigrationProgress.NONE));
            assertFalse(noReader.retryable(), noReader.getMessage());

            component.bindReader(sourceReader, Map.of(StorageBackend.TYPE_PROPERTY, "source"));
            MigrationReport r = component.migrate(SourceFixture.COMMUNITY, request, MigrationProgress.NONE);
            assertTrue(r.complete(), r.summary());
            assertEquals(2, r.archives());
            assertEquals(sourceLink, r.link().orElseThrow(), "same blobs, same format: the same index CID");
            assertEquals(r.link(), target.currentLink(SourceFixture.COMMUNITY));
            List<String> topics = events.stream().map(Event::getTopic).toList();
            assertEquals(MigrationService.TOPIC_PREFIX + "FAILED", topics.get(0));
            assertTrue(topics.contains(MigrationService.TOPIC_PREFIX + "STARTED"), topics.toString());
            assertTrue(topics.contains(MigrationService.TOPIC_PREFIX + "COMMITTED"), topics.toString());
            Event last = events.get(events.size() - 1);
            assertEquals(MigrationService.TOPIC_PREFIX + "FINISHED", last.getTopic());
            assertEquals(SourceFixture.COMMUNITY.hex(), last.getProperty(MigrationService.COMMUNITY));
            assertEquals(sourceLink, last.getProperty(MigrationService.LINK));
        }
    }

    private static MigrationComponent.Config config(Path dir) {
        return new MigrationComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MigrationComponent.Config.class;
            }

            @Override
            public String directory() {
                return dir.toString();
            }

            @Override
            public int assumedMegabytesPerSecond() {
                return 8;
            }
        };
    }
}
