package org.archivist.core.state;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.archivist.api.storage.LinkKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a child JVM (SIGKILL) while it rewrites the state in a loop; the state must always read back whole. */
class StateCrashSafetyTest {
    private static final int KILLS = 4;

    @TempDir
    Path dir;

    @Test
    void stateIsReadableAndConsistentAfterEveryKill() throws Exception {
        long lastConfirmed = -1;
        for (int round = 0; round < KILLS; round++) {
            Process child = startChild();
            long confirmed = -1;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                // let it write a varying number of updates, then kill it mid-loop
                int target = 20 + round * 37;
                for (int i = 0; i < target; i++) {
                    String line = out.readLine();
                    if (line == null) {
                        break;
                    }
                    confirmed = Long.parseLong(line.strip());
                }
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
            }
            assertTrue(confirmed >= 0, "the child wrote nothing: " + java.nio.file.Files.readString(childErrors()));

            CommunityState s = new CommunityStateStore(dir).load(COMMUNITY);
            long n = s.archives().size();
            assertTrue(n - 1 >= confirmed, "update " + confirmed + " was confirmed but the state holds " + n);
            assertTrue(n - 1 > lastConfirmed, "the state went backwards");
            List<String> ids = List.copyOf(s.archives().keySet());
            for (int i = 0; i < n; i++) {
                assertEquals("0x" + i, ids.get(i));
                assertEquals(i < n - 1, s.isImported("0x" + i), "imported flag of 0x" + i);
            }
            assertEquals(n - 1, s.lastArchiveEnd().orElseThrow());
            assertEquals(new LinkState(n - 1, Optional.of("magnet:" + (n - 1))), s.link(org.archivist.core.link.MagnetLinkFormat.KIND));
            lastConfirmed = confirmed;
        }
    }

    private Path childErrors() {
        return dir.resolve("child.err");
    }

    private Process startChild() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                StateWriterChild.class.getName(), dir.toString(), COMMUNITY.hex())
                .redirectError(childErrors().toFile()).start();
    }
}
