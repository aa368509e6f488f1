package org.archivist.content.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.archivist.api.content.StorageLimitException;
import org.archivist.api.content.StorageUsage;
import org.archivist.api.service.NodeStorage;
import org.archivist.core.io.DirectorySizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file service's disk budget: what its directories hold plus what running transfers reserved must stay within
 * the node's storage limit ({@link NodeStorage}, when one is set: it counts this budget through
 * {@link FileStorageHolder} and releases what its policy allows) and within the service's own maximum (a sub-limit;
 * 0: none). A reservation that does not fit the own maximum first deletes fetched copies (under {@code releasable}),
 * the least recently written first; if that is not enough, or the node refuses, it is refused with a
 * {@link StorageLimitException} and the budget reports itself at its limit until a reservation fits again.
 */
final class DiskBudget {
    private static final Logger LOG = LoggerFactory.getLogger(DiskBudget.class);
    private final long maxBytes;
    private final List<Path> counted;
    private final Path releasable;
    private final StorageLimitListener listener;
    private long reserved;
    private volatile boolean atLimit;
    private volatile NodeStorage node;

    /** A reservation; close it once the transfer's bytes are on disk (or were dropped). */
    interface Reservation extends AutoCloseable {
        @Override
        void close();
    }

    DiskBudget(long maxBytes, List<Path> counted, Path releasable, StorageLimitListener listener) {
        this.maxBytes = maxBytes;
        this.counted = List.copyOf(counted);
        this.releasable = releasable;
        this.listener = listener;
    }

    /** The node's storage limit to ask before each reservation; {@code null}: none. */
    void nodeStorage(NodeStorage storage) {
        this.node = storage;
    }

    /**
     * Reserves {@code bytes}, asking the node's storage limit first (outside this budget's lock: the node may call
     * back to release fetched copies), then releasing fetched copies if the own maximum needs it; the listener hears
     * of the limit being hit (once per stretch at the limit) and of a reservation fitting again.
     */
    Reservation reserve(long bytes, String what) throws StorageLimitException, IOException {
        boolean[] changed = {false}; // whether this call moved the budget onto or off its limit
        try {
            admitNodeWide(bytes, what, changed);
            Reservation r = reserveOrRefuse(bytes, what, changed);
            if (changed[0]) {
                listener.cleared(usage());
            }
            return r;
        } catch (StorageLimitException e) {
            if (changed[0]) {
                listener.reached(new StorageUsage(e.usedBytes(), e.maxBytes(), true), bytes, what);
            }
            throw e;
        }
    }

    private void admitNodeWide(long bytes, String what, boolean[] changed) throws StorageLimitException, IOException {
        NodeStorage n = node;
        if (n == null || n.makeRoom(bytes, what)) {
            return;
        }
        org.archivist.api.service.StorageUsage u = n.usage();
        synchronized (this) {
            changed[0] = !atLimit;
            atLimit = true;
        }
        throw new StorageLimitException(what + " needs " + bytes + " bytes; " + u.usedBytes() + " of the node's "
                + u.maxBytes() + " allowed are in use (maxStorageBytes) and its storageRelease ("
                + n.releasePolicy().configValue() + ") freed too little", u.usedBytes(), u.maxBytes());
    }

    private synchronized Reservation reserveOrRefuse(long bytes, String what, boolean[] changed)
            throws StorageLimitException, IOException {
        if (maxBytes <= 0) {
            changed[0] = atLimit;
            atLimit = false;
            return hold(bytes);
        }
        long used = used() + reserved;
        if (used + bytes > maxBytes) {
            for (Path old : oldestFirst(releasable)) {
                long size = Files.size(old);
                Files.deleteIfExists(old);
                used -= size;
                LOG.info("storage limit: released the fetched copy {} ({} bytes)", old.getFileName(), size);
                if (used + bytes <= maxBytes) {
                    break;
                }
            }
        }
        if (used + bytes > maxBytes) {
            changed[0] = !atLimit;
            atLimit = true;
            LOG.warn("storage limit: {} needs {} bytes, {} of {} are in use and nothing more is releasable", what,
                    bytes, used, maxBytes);
            throw new StorageLimitException(what + " needs " + bytes + " bytes; " + used + " of the " + maxBytes
                    + " allowed are in use and no fetched copy is left to release", used, maxBytes);
        }
        changed[0] = atLimit;
        atLimit = false;
        return hold(bytes);
    }

    /** Counts {@code bytes} as reserved until the reservation closes (the node's limit counts them too). */
    private Reservation hold(long bytes) {
        reserved += bytes;
        boolean[] open = {true};
        return () -> {
            synchronized (DiskBudget.this) {
                if (open[0]) {
                    open[0] = false;
                    reserved -= bytes;
                }
            }
        };
    }

    StorageUsage usage() throws IOException {
        return new StorageUsage(used(), maxBytes, atLimit);
    }

    /** What the service's directories hold plus what running transfers reserved: what the node counts. */
    synchronized long storedBytes() throws IOException {
        return used() + reserved;
    }

    /** The fetched copies that may be released: every complete file under {@code releasable}. */
    List<Path> releasable() throws IOException {
        return oldestFirst(releasable);
    }

    /**
     * Deletes the fetched copy named {@code name} under {@code releasable}; 0 when it is gone or the name is not one
     * of a file directly there (nothing else is ever deleted).
     */
    synchronized long release(String name) throws IOException {
        Path p = releasable.resolve(name).normalize();
        if (!p.getParent().equals(releasable.normalize()) || !Files.isRegularFile(p) || name.endsWith(".part")) {
            return 0;
        }
        long size = Files.size(p);
        return Files.deleteIfExists(p) ? size : 0;
    }

    private long used() throws IOException {
        long sum = 0;
        for (Path dir : counted) {
            sum += DirectorySizes.bytesUnder(dir);
        }
        return sum;
    }

    private static List<Path> oldestFirst(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().endsWith(".part")).forEach(out::add);
        }
        out.sort(Comparator.comparing(p -> {
            try {
                return Files.readAttributes(p, BasicFileAttributes.class).lastModifiedTime();
            } catch (IOException e) {
                return java.nio.file.attribute.FileTime.fromMillis(0);
            }
        }));
        return out;
    }
}
