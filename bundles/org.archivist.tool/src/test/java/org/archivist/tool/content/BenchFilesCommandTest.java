package org.archivist.tool.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.archivist.tool.UsageException;
import org.junit.jupiter.api.Test;

/** bench-files end to end on a small file: both backends, an encrypted community, every copy checked. */
class BenchFilesCommandTest {

    @Test
    void aSmallEncryptedRunOnBothBackendsChecksEveryCopy() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = new BenchFilesCommand().run(List.of("--size-mb", "2", "--rounds", "1", "--encrypted"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text);
        assertTrue(text.contains("codex      round 1") && text.contains("bittorrent round 1"), text);
        assertEquals(2, text.split("bytes equal", -1).length - 1, text);
    }

    @Test
    void badOptionsAreUsageErrors() {
        BenchFilesCommand c = new BenchFilesCommand();
        assertThrows(UsageException.class, () -> c.run(List.of("--size-mb", "51"), System.out, System.err));
        assertThrows(UsageException.class, () -> c.run(List.of("--backend", "ipfs"), System.out, System.err));
        assertThrows(UsageException.class, () -> c.run(List.of("--rounds"), System.out, System.err));
    }
}
