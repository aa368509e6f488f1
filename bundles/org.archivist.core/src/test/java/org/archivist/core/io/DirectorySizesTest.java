package org.archivist.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySizesTest {
    @TempDir
    Path dir;

    @Test
    void countsTheRegularFilesUnderADirectoryAtAnyDepth() throws Exception {
        assertEquals(0, DirectorySizes.bytesUnder(dir.resolve("missing")), "no directory holds nothing");
        Files.write(dir.resolve("a"), new byte[1000]);
        Files.write(Files.createDirectories(dir.resolve("x/y")).resolve("b"), new byte[234]);
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(1234, DirectorySizes.bytesUnder(dir));
        assertEquals(1234, DirectorySizes.metric(dir));
        assertEquals(234, DirectorySizes.metric(dir.resolve("x")));
    }
}
