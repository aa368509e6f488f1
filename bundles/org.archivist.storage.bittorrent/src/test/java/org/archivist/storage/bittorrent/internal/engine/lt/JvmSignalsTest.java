package org.archivist.storage.bittorrent.internal.engine.lt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorrent must leave the JVM's signal handling alone: its default (memory-mapped) disk I/O installs a SIGSEGV
 * handler over the JVM's, and the next NullPointerException raised in compiled code killed the process (exit 139,
 * no hs_err file). The engine uses libtorrent's pread/pwrite disk I/O; a child JVM transfers a torrent and then
 * throws NPEs from compiled code, and must exit normally.
 */
class JvmSignalsTest {

    @TempDir
    Path tmp;

    @Test
    void theJvmSurvivesNullChecksAfterATransfer() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                NullChecksAfterTransferChild.class.getName()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        } finally {
            child.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(output.contains("TRANSFERRED"), output);
        assertTrue(output.contains("NPES 1500000"), output);
        assertEquals(0, child.exitValue(), "the child JVM's exit (139 = killed by SIGSEGV):\n" + output);
    }
}
