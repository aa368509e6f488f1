package org.archivist.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * How many bytes a directory holds on disk, for storage figures and limits (a backend's {@code storedBytes}, the
 * scheduler's storage limit).
 *
 * @since 1.1
 */
public final class DirectorySizes {
    private DirectorySizes() {
    }

    /**
     * The bytes of the regular files under {@code dir}, walked once (a file deleted during the walk counts zero; a
     * directory that went away during it makes one more walk); 0 when there is no such directory.
     *
     * @throws IOException when the directory cannot be read
     */
    public static long bytesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try {
            return walk(dir);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                try {
                    return walk(dir);
                } catch (UncheckedIOException again) {
                    throw again.getCause();
                }
            }
            throw e.getCause();
        }
    }

    /** {@link #bytesUnder} for a metric: -1 when the directory cannot be read. */
    public static long metric(Path dir) {
        try {
            return bytesUnder(dir);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long walk(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(DirectorySizes::sizeOf).sum();
        }
    }

    private static long sizeOf(Path f) {
        try {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            return a.isRegularFile() ? a.size() : 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
