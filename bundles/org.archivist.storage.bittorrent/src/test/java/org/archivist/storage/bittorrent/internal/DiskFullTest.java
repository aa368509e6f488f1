package org.archivist.storage.bittorrent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.archivist.storage.bittorrent.internal.testing.Archives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk in the middle of an append, made real with the kernel's file size limit: a child JVM runs
 * under {@code ulimit -f} (2 MiB, SIGXFSZ ignored, so writes past it fail with EFBIG like ENOSPC would).
 * The failed publish must say what happened, and the previous index, data, torrent and seeding must stay
 * as they were.
 */
class DiskFullTest {

    @TempDir
    Path tmp;

    @Test
    void aWriteFailureMidAppendLeavesThePreviousSetUsable() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "trap '' XFSZ; ulimit -f 2048; exec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' " + DiskFullChild.class.getName() + " '" + tmp + "'";
        Process child = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output;
        try {
            if (!child.waitFor(120, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new AssertionError("the child JVM did not finish within 120 s");
            }
        } finally {
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = output.lines().toList();
        String first = line(lines, "FIRST ", output).substring(6);
        String error = line(lines, "ERROR ", output);
        assertTrue(error.contains("could not append") && error.contains("File too large")
                && error.contains("committed before are intact"), error);
        assertEquals("LINK " + first, line(lines, "LINK ", output), "the previous link still stands");
        assertEquals("READ true", line(lines, "READ ", output));
        assertEquals("SEEDING true", line(lines, "SEEDING ", output));
        assertEquals(0, child.exitValue(), output);

        // the files on disk are the first set, as committed
        Path dir = tmp.resolve("archivedata").resolve(Archives.COMMUNITY.hex());
        assertTrue(Files.size(dir.resolve("data")) < 2L * 1024 * 1024, "the partial append was cut back");
        assertTrue(first.contains(org.archivist.storage.bittorrent.internal.metainfo.Metainfo.parse(
                Files.readAllBytes(tmp.resolve("torrents").resolve(Archives.COMMUNITY.hex() + ".torrent")))
                .infoHashHex()));
    }

    private static String line(List<String> lines, String prefix, String output) throws IOException {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix.strip() + "' line in:\n" + output));
    }
}
