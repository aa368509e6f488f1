package org.archivist.scheduler.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.StorageHolder;
import org.archivist.api.storage.MemberCopies;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what may be released (the holders' releasable files, then the backends' member copies the
 * {@link ReleaseGuard} allows), oldest first within each kind, and releases it until enough is freed.
 */
final class StorageReleaser {
    private static final Logger LOG = LoggerFactory.getLogger(StorageReleaser.class);
    private static final Comparator<ReleasableCopy> ORDER = Comparator
            .comparing((ReleasableCopy c) -> c.kind().ordinal()).thenComparing(ReleasableCopy::lastWritten)
            .thenComparing(ReleasableCopy::holder).thenComparing(ReleasableCopy::id);

    private final BackendRegistry backends;
    private final StorageHolders holders;
    private final ReleaseGuard guard;

    StorageReleaser(BackendRegistry backends, StorageHolders holders, ReleaseGuard guard) {
        this.backends = backends;
        this.holders = holders;
        this.guard = guard;
    }

    /** What may be released now of these kinds, in release order (files, then archive sets; oldest first). */
    List<ReleasableCopy> candidates(Set<ReleasableCopy.Kind> kinds) {
        List<ReleasableCopy> out = new ArrayList<>();
        if (kinds.contains(ReleasableCopy.Kind.FILE)) {
            for (StorageHolder h : holders.all()) {
                try {
                    h.releasable().stream().filter(c -> c.kind() == ReleasableCopy.Kind.FILE).forEach(out::add);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("storage holder '{}' did not list what it can release: {}", h.name(), e.toString());
                }
            }
        }
        if (kinds.contains(ReleasableCopy.Kind.ARCHIVE_SET)) {
            for (String name : backends.names()) {
                backends.get(name).ifPresent(b -> out.addAll(memberSets(name, b)));
            }
        }
        out.sort(ORDER);
        return out;
    }

    private List<ReleasableCopy> memberSets(String name, StorageBackend backend) {
        if (!(backend instanceof MemberCopies copies)) {
            return List.of();
        }
        try {
            return copies.memberCopies().stream()
                    .filter(c -> guard.mayRelease(c.community(), backend.linkFormat().kind()))
                    .map(c -> new ReleasableCopy(ReleasableCopy.Kind.ARCHIVE_SET, name, c.community().hex(),
                            c.bytes(), c.lastWritten(), Optional.of(c.community())))
                    .toList();
        } catch (StorageException | RuntimeException e) {
            LOG.warn("storage backend '{}' did not list its member copies: {}", name, e.toString());
            return List.of();
        }
    }

    /**
     * Releases candidates in order until {@code bytes} were freed (or, with {@code dryRun}, lists them); a copy
     * that cannot be released is skipped (logged).
     */
    List<ReleasableCopy> release(long bytes, Set<ReleasableCopy.Kind> kinds, boolean dryRun, StorageEvents events) {
        List<ReleasableCopy> done = new ArrayList<>();
        long freed = 0;
        for (ReleasableCopy c : candidates(kinds)) {
            if (freed >= bytes) {
                break;
            }
            if (dryRun) {
                done.add(c);
                freed += c.bytes();
                continue;
            }
            long n = releaseOne(c);
            if (n > 0) {
                LOG.info("storage limit: released {}", c.describe());
                done.add(new ReleasableCopy(c.kind(), c.holder(), c.id(), n, c.lastWritten(), c.community()));
                freed += n;
                events.released(done.get(done.size() - 1));
            }
        }
        return done;
    }

    private long releaseOne(ReleasableCopy c) {
        try {
            if (c.kind() == ReleasableCopy.Kind.FILE) {
                for (StorageHolder h : holders.all()) {
                    if (h.name().equals(c.holder())) {
                        return h.release(c);
                    }
                }
                return 0;
            }
            Optional<StorageBackend> b = backends.get(c.holder());
            if (b.isPresent() && b.get() instanceof MemberCopies copies && c.community().isPresent()
                    && guard.mayRelease(c.community().get(), b.get().linkFormat().kind())) {
                return copies.releaseMemberCopy(c.community().get());
            }
            return 0;
        } catch (IOException | StorageException | RuntimeException e) {
            LOG.warn("storage limit: {} not released: {}", c.describe(), e.toString());
            return 0;
        }
    }
}
