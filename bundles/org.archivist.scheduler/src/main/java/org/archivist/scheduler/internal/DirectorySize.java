package org.archivist.scheduler.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** The bytes of the regular files under a directory, walked once; files deleted during the walk count zero. */
final class DirectorySize {
    private DirectorySize() {
    }

    static long of(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(DirectorySize::sizeOf).sum();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) { // a directory went away during the walk: once more
                try (Stream<Path> files = Files.walk(dir)) {
                    return files.mapToLong(DirectorySize::sizeOf).sum();
                } catch (UncheckedIOException again) {
                    throw again.getCause();
                }
            }
            throw e.getCause();
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
