package org.archivist.core.directory;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.archivist.api.storage.PublishSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per community directory, across processes: a child JVM holds the lock while we try. */
class DirectoryLockTest {
    @TempDir
    Path dataDir;

    @Test
    void anotherProcessHoldingTheDirectoryIsNamedAndItsDataIsLeftAlone() throws Exception {
        Process child = startChild(5000);
        try {
            long pid = child.pid();
            Path data = dataDir.resolve(COMMUNITY.hex()).resolve("data");
            assertEquals(102400, Files.size(data), "the child appended one padded archive, uncommitted");

            // opening to read does not repair (truncate) the other writer's uncommitted tail
            ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
            assertEquals(102400, Files.size(data));
            var e = assertThrows(DirectoryLockedException.class, dir::beginPublish);
            assertTrue(e.getMessage().contains("pid " + pid), e.getMessage());
            assertTrue(e.retryable());
            assertEquals(102400, Files.size(data), "the refused writer touched nothing");

            long start = System.nanoTime();
            assertThrows(DirectoryLockedException.class, () -> dir.beginPublish(Duration.ofMillis(500)));
            assertTrue(System.nanoTime() - start >= 450_000_000L, "it waited before giving up");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        // the OS released the dead holder's lock: the next writer repairs its leftover and writes
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        try (PublishSession s = dir.beginPublish()) {
            assertEquals(0, dir.dataLength(), "the dead writer's uncommitted archive was cut off");
        }
    }

    @Test
    void aWaitingWriterGetsTheDirectoryOnceTheHolderFinishes() throws Exception {
        Process child = startChild(10);
        try {
            ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    child.getOutputStream().close();
                } catch (Exception ignored) {
                    // the test fails below
                }
            });
            release.start();
            try (PublishSession s = dir.beginPublish(Duration.ofSeconds(30))) {
                assertEquals(0, dir.dataLength(), "the holder rolled back its uncommitted append on close");
            }
            release.join();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoSessionsInOneProcessAreRefused() throws Exception {
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty());
        try (PublishSession s = dir.beginPublish()) {
            var e = assertThrows(DirectoryLockedException.class,
                    () -> ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty()).beginPublish());
            assertTrue(e.getMessage().contains("this process"), e.getMessage());
        }
        dir.beginPublish().close(); // released
    }

    private Process startChild(int blobBytes) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                LockHolderChild.class.getName(), dataDir.toString(), COMMUNITY.hex(), String.valueOf(blobBytes))
                .redirectError(dataDir.resolve("child.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"locked".equals(line)) {
            child.destroyForcibly();
            throw new AssertionError("child did not lock: " + Files.readString(dataDir.resolve("child.err")));
        }
        return child;
    }
}
