package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;

import org.archivist.host.reference.InProcessNetwork;
import org.archivist.host.reference.ReferenceNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler component takes maxStorageBytes from its configuration, and a changed one at run time. */
class SchedulerComponentStorageLimitTest {
    @TempDir
    Path dir;

    static SchedulerComponent.Config config(Path directory, long maxStorageBytes) {
        return config(directory, maxStorageBytes, "none");
    }

    static SchedulerComponent.Config config(Path directory, long maxStorageBytes, String storageRelease) {
        return new SchedulerComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SchedulerComponent.Config.class;
            }

            @Override
            public int threads() {
                return 1;
            }

            @Override
            public String directory() {
                return directory.toString();
            }

            @Override
            public long retrySeconds() {
                return 30;
            }

            @Override
            public int magnetlinkType() {
                return 43;
            }

            @Override
            public int archiveLinkType() {
                return 4301;
            }

            @Override
            public long maxStorageBytes() {
                return maxStorageBytes;
            }

            @Override
            public String storageRelease() {
                return storageRelease;
            }
        };
    }

    @Test
    void theLimitIsConfiguredAndChangedAtRunTimeAndTheSchedulersDirectoryCounts() throws Exception {
        InProcessNetwork network = new InProcessNetwork();
        try (ReferenceNode host = network.node(dir.resolve("host"), "member")) {
            Path state = dir.resolve("scheduler");
            SchedulerComponent c = new SchedulerComponent(config(state, 5000), host.store(), host.directory(),
                    host.channel(), host.importer(), null);
            c.start();
            try {
                assertEquals(5000, c.storageUsage().orElseThrow().maxBytes());
                Files.createDirectories(state);
                Files.write(state.resolve("waiting"), new byte[1234]);
                assertTrue(c.storageUsage().orElseThrow().usedBytes() >= 1234);

                c.modified(config(state, 0));
                assertEquals(0, c.storageUsage().orElseThrow().maxBytes(), "no limit any more");
                c.modified(config(state, 9000));
                assertEquals(9000, c.storageUsage().orElseThrow().maxBytes());

                c.modified(config(dir.resolve("elsewhere"), 7000)); // another directory: the scheduler restarts
                assertEquals(7000, c.storageUsage().orElseThrow().maxBytes());
                assertTrue(c.storageUsage().orElseThrow().usedBytes() < 1234, "the new directory is the one counted");
            } finally {
                c.deactivate();
            }
        }
    }

    @Test
    void itIsTheNodeStorageCountingItsHoldersWithThePolicyConfiguredAndChangedAtRunTime() throws Exception {
        InProcessNetwork network = new InProcessNetwork();
        try (ReferenceNode host = network.node(dir.resolve("host"), "member")) {
            Path state = dir.resolve("scheduler");
            SchedulerComponent c = new SchedulerComponent(config(state, 5000, "oldest-files-first"), host.store(),
                    host.directory(), host.channel(), host.importer(), null);
            c.start();
            try {
                assertEquals(org.archivist.api.service.ReleasePolicy.OLDEST_FILES_FIRST, c.releasePolicy());
                StorageReleaseTest.Files files = new StorageReleaseTest.Files();
                files.copies.put("fetched", new long[] {3000, 1});
                c.bindStorageHolder(files);
                assertTrue(c.usage().usedBytes() >= 3000, "the holder counts: " + c.usage());
                assertTrue(c.makeRoom(2500, "a file"), "the fetched copy is released to make room");
                assertTrue(files.copies.isEmpty());
                c.unbindStorageHolder(files);

                c.modified(config(state, 5000, "files-then-archives"));
                assertEquals(org.archivist.api.service.ReleasePolicy.FILES_THEN_ARCHIVES, c.releasePolicy());
                c.modified(config(state, 5000, "everything"));
                assertEquals(org.archivist.api.service.ReleasePolicy.NONE, c.releasePolicy(),
                        "an unknown value (logged with the valid ones) releases nothing");
            } finally {
                c.deactivate();
            }
        }
    }
}
