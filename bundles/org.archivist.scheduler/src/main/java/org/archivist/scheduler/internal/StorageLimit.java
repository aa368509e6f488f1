package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.IndexEntry;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.ReleasePolicy;
import org.archivist.api.service.ReleaseReport;
import org.archivist.api.service.StorageHolder;
import org.archivist.api.service.StorageUsage;
import org.archivist.api.storage.ArchiveSizeLookup;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.core.io.DirectorySizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-wide storage limit ({@code maxStorageBytes}, 0: none; changeable at run time) and what counts against it:
 * the {@link StorageUsage#STORED_BYTES_METRIC} each registered backend reports in its status, the scheduler's own
 * directory (downloaded archives waiting for import, kept indexes, community state) and every
 * {@link StorageHolder}'s bytes (the file service). {@link #usage()} walks the directories once. A member calls
 * {@link #admit} before each archive; the file service calls {@link #makeRoom} before each transfer. What does not
 * fit first releases what the {@link ReleasePolicy} allows ({@link StorageReleaser}). One caller decides at a time;
 * the space is not reserved here, the writer counts it as its own (a holder counts its transfers' reservations, a
 * member's archive is on disk when its next archive is admitted).
 */
final class StorageLimit implements NodeStorage {
    private static final Logger LOG = LoggerFactory.getLogger(StorageLimit.class);

    /** The state records written with each downloaded archive (its index entry, the held list), an upper bound. */
    static final long RECORD_BYTES = 16 * 1024;

    private final BackendRegistry backends;
    private final StorageHolders holders;
    private final Path schedulerDir;
    private final StorageReleaser releaser;
    private volatile long maxBytes;
    private volatile ReleasePolicy policy = ReleasePolicy.NONE;
    private volatile StorageEvents events = StorageEvents.NONE;

    StorageLimit(BackendRegistry backends, Path schedulerDir, long maxBytes) {
        this(backends, new StorageHolders(), schedulerDir, maxBytes, ReleaseGuard.NOTHING);
    }

    StorageLimit(BackendRegistry backends, StorageHolders holders, Path schedulerDir, long maxBytes,
            ReleaseGuard guard) {
        this.backends = Objects.requireNonNull(backends, "backends");
        this.holders = Objects.requireNonNull(holders, "holders");
        this.schedulerDir = Objects.requireNonNull(schedulerDir, "schedulerDir");
        this.releaser = new StorageReleaser(backends, holders, Objects.requireNonNull(guard, "guard"));
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

    /** Changes what is released at the limit. */
    void setReleasePolicy(ReleasePolicy p) {
        this.policy = Objects.requireNonNull(p, "policy");
    }

    @Override
    public ReleasePolicy releasePolicy() {
        return policy;
    }

    /** Who hears of releases and refusals. */
    void setEvents(StorageEvents e) {
        this.events = Objects.requireNonNull(e, "events");
    }

    StorageHolders holders() {
        return holders;
    }

    /** The bytes in use now against the limit. */
    @Override
    public StorageUsage usage() throws IOException {
        long used = DirectorySizes.bytesUnder(schedulerDir);
        for (String name : backends.names()) {
            Optional<StorageBackend> b = backends.get(name);
            if (b.isPresent()) {
                used += storedBytes(name, b.get());
            }
        }
        for (StorageHolder h : holders.all()) {
            used += storedBytes(h);
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

    private static long storedBytes(StorageHolder holder) {
        try {
            return Math.max(0, holder.storedBytes());
        } catch (IOException | RuntimeException e) {
            LOG.warn("storage holder '{}' did not report its stored bytes: {}", holder.name(), e.toString());
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

    /** As {@link #admit(IndexEntry, Optional)} for an archive whose size only its index may give. */
    void admit(IndexEntry entry) throws StorageException, IOException, InterruptedException {
        admit(entry, Optional.empty());
    }

    /**
     * Whether the archive may be downloaded: without a limit always; else its size, from its index or asked of the
     * storage node through {@code sizes} (Codex), plus the bytes in use must fit ({@link #bytesWritten}), after the
     * release policy freed what it may. An archive of unknown size is admitted (logged).
     *
     * @throws StorageLimitException when it does not fit
     * @throws StorageException       when the storage node could not tell the size (retryable or not, as the node's)
     */
    void admit(IndexEntry entry, Optional<ArchiveSizeLookup> sizes)
            throws StorageException, IOException, InterruptedException {
        if (maxBytes <= 0) {
            return;
        }
        OptionalLong size = sizeOf(entry);
        if (size.isEmpty() && sizes.isPresent()) {
            try {
                size = sizes.get().archiveSize(entry.location());
            } catch (StorageException e) {
                LOG.warn("the size of archive {} could not be asked: {}", entry.archiveId(), e.getMessage());
                throw e;
            }
        }
        if (size.isEmpty()) {
            LOG.warn("archive {} has no known size: downloaded without a storage check", entry.archiveId());
            return;
        }
        long needed = bytesWritten(size.getAsLong());
        synchronized (this) {
            Optional<StorageUsage> refused = room(needed, "archive " + entry.archiveId());
            if (refused.isPresent()) {
                throw new StorageLimitException(refused.get().usedBytes(), refused.get().maxBytes(),
                        entry.archiveId(), size.getAsLong());
            }
        }
    }

    @Override
    public synchronized boolean makeRoom(long bytes, String what) throws IOException {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot make room for negative bytes: " + bytes);
        }
        return maxBytes <= 0 || room(bytes, what).isEmpty();
    }

    /** Empty when {@code needed} fits (after releasing what the policy allows); else the usage that refused it. */
    private Optional<StorageUsage> room(long needed, String what) throws IOException {
        StorageUsage u = usage();
        if (u.admits(needed)) {
            return Optional.empty();
        }
        if (policy != ReleasePolicy.NONE) {
            long missing = u.usedBytes() + needed - u.maxBytes();
            List<ReleasableCopy> released = releaser.release(missing, policy.kinds(), false, events);
            if (!released.isEmpty()) {
                u = usage();
                if (u.admits(needed)) {
                    return Optional.empty();
                }
            }
        }
        LOG.warn("storage limit: {} needs {} bytes, {} of {} are in use{}", what, needed, u.usedBytes(), u.maxBytes(),
                policy == ReleasePolicy.NONE ? " (storageRelease = none)" : " and nothing more may be released");
        events.limitReached(u, needed, what);
        return Optional.of(u);
    }

    @Override
    public synchronized ReleaseReport release(long bytes, Set<ReleasableCopy.Kind> kinds, boolean dryRun)
            throws IOException {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the bytes to release must be positive, got " + bytes);
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no kind of copy to release was named");
        }
        StorageUsage before = usage();
        List<ReleasableCopy> released = releaser.release(bytes, kinds, dryRun, events);
        return new ReleaseReport(released, released.stream().mapToLong(ReleasableCopy::bytes).sum(), dryRun, before);
    }

    /** The bytes an archive takes, as its index gives them (a piece range, padding included); unknown otherwise. */
    static OptionalLong sizeOf(IndexEntry entry) {
        return entry.location() instanceof ArchiveLocation.PieceRange r ? OptionalLong.of(r.size())
                : OptionalLong.empty();
    }
}
