package org.archivist.scheduler.kill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Whole directory trees compared file by file, byte for byte. */
final class DirectoryTrees {
    private DirectoryTrees() {
    }

    /** The regular files under {@code root} (relative path with '/' separators) and their bytes; empty if absent. */
    static Map<String, byte[]> read(Path root, Predicate<String> include) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                String name = root.relativize(f).toString().replace('\\', '/');
                if (include.test(name)) {
                    try {
                        files.put(name, Files.readAllBytes(f));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
        return files;
    }

    /** Asserts that {@code actual} holds exactly the files of {@code expected}, each with the same bytes. */
    static void assertSameTree(String what, Path expected, Path actual, Predicate<String> include) throws IOException {
        Map<String, byte[]> want = read(expected, include);
        Map<String, byte[]> got = read(actual, include);
        assertEquals(want.keySet(), got.keySet(), what + ": the files of " + actual + " against " + expected);
        for (Map.Entry<String, byte[]> e : want.entrySet()) {
            assertArrayEquals(e.getValue(), got.get(e.getKey()), what + ": " + e.getKey() + " differs");
        }
    }
}
