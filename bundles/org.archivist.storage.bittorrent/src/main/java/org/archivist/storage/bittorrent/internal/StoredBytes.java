package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The {@code storedBytes} metric: the bytes of the regular files under this backend's local directory, walked once
 * per call (a file deleted during the walk counts zero); -1 when the directory cannot be read.
 */
final class StoredBytes {
    /** Metric name, as {@code org.archivist.api.service.StorageUsage#STORED_BYTES_METRIC}. */
    static final String METRIC = org.archivist.api.service.StorageUsage.STORED_BYTES_METRIC;

    private StoredBytes() {
    }

    static long under(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(StoredBytes::sizeOf).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
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
