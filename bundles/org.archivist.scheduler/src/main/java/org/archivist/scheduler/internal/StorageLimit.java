package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.IndexEntry;
import org.archivist.api.service.StorageUsage;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.io.DirectorySizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-wide storage limit ({@code maxStorageBytes}, 0: none; changeable at run time) and what counts against it:
 * the {@link StorageUsage#STORED_BYTES_METRIC} each registered backend reports in its status plus the scheduler's
 * own directory (downloaded archives waiting for import, kept indexes, community state). {@link #usage()} walks the
 * directory once; a member calls {@link #admit} before each archive whose size its index gives.
 */
final class StorageLimit {
    private static final Logger LOG = LoggerFactory.getLogger(StorageLimit.class);

    /** The state records written with each downloaded archive (its index entry, the held list), an upper bound. */
    static final long RECORD_BYTES = 16 * 1024;

    private final BackendRegistry backends;
    private final Path schedulerDir;
    private volatile long maxBytes;

    StorageLimit(BackendRegistry backends, Path schedulerDir, long maxBytes) {
        this.backends = Objects.requireNonNull(backends, "backends");
        this.schedulerDir = Objects.requireNonNull(schedulerDir, "schedulerDir");
        setMaxBytes(maxBytes);
    }

    /** Changes the limit; 0 removes it. */
    void setMaxBytes(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxStorageBytes cannot be negative (0: no limit), got " + max);
        }
        this.maxBytes = max;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** The bytes in use now against the limit. */
    StorageUsage usage() throws IOException {
        long used = DirectorySizes.bytesUnder(schedulerDir);
        for (String name : backends.names()) {
            Optional<StorageBackend> b = backends.get(name);
            if (b.isPresent()) {
                used += storedBytes(name, b.get());
            }
        }
        return new StorageUsage(used, maxBytes);
    }

    private static long storedBytes(String name, StorageBackend backend) {
        try {
            BackendStatus s = backend.status();
            Object v = s.metrics().get(StorageUsage.STORED_BYTES_METRIC);
            return v instanceof Number n ? Math.max(0, n.longValue()) : 0;
        } catch (RuntimeException e) {
            LOG.warn("storage backend '{}' did not report its stored bytes: {}", name, e.getMessage());
            return 0;
        }
    }

    /**
     * What downloading an archive of {@code size} bytes writes before its import: the backend's copy, the scheduler's
     * copy waiting for import, and the state records kept with it.
     */
    static long bytesWritten(long size) {
        return 2 * size + RECORD_BYTES;
    }

    /**
     * Whether the archive may be downloaded: without a limit, or when its index gives no size, always; else only when
     * the bytes in use plus what its download writes ({@link #bytesWritten}) stay within the limit.
     *
     * @throws StorageLimitException when it would not fit
     */
    void admit(IndexEntry entry) throws StorageLimitException, IOException {
        long max = maxBytes;
        OptionalLong size = sizeOf(entry);
        if (max <= 0 || size.isEmpty()) {
            return;
        }
        StorageUsage u = usage();
        if (u.usedBytes() + bytesWritten(size.getAsLong()) > max) {
            throw new StorageLimitException(u.usedBytes(), max, entry.archiveId(), size.getAsLong());
        }
    }

    /** The bytes an archive takes, as its index gives them (a piece range, padding included); unknown otherwise. */
    static OptionalLong sizeOf(IndexEntry entry) {
        return entry.location() instanceof ArchiveLocation.PieceRange r ? OptionalLong.of(r.size())
                : OptionalLong.empty();
    }
}
