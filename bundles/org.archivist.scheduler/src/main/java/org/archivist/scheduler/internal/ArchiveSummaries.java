package org.archivist.scheduler.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.ContentAddressing;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.api.storage.StoredArchiveReader;
import org.archivist.api.storage.StoredPieceVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-archive view of {@link ArchiveService#archiveSummaries}: on a control node, the committed index of each
 * configured backend, one {@link ArchiveSummary} per partition naming every backend that lists it, with the
 * outcome of a read-back check of each stored copy (read through the backend's {@link StoredArchiveReader},
 * decoded and decrypted by the core, matched against its index entry, every message inside the range), and, on
 * an operator's {@link #verify}, on backends that address content ({@link ContentAddressing}, Codex), the content
 * address recomputed from the bytes read back against the one the storage node serves, and on backends that keep
 * piece hashes ({@link StoredPieceVerifier}, BitTorrent), the stored pieces hashed again against them. Each summary
 * names the checks that ran ({@link ArchiveSummary#checks()}).
 *
 * <p>Cheap on repeat: a backend's index is read again only when its current link changed (a commit), and a
 * check is remembered per backend and archive id (ids hash what the archive is and where it lies). A listing
 * checks new archives up to {@link #CHECK_BUDGET_BYTES} of blobs, the rest on later listings, so that a status
 * page never stalls on a large history; {@link #verify} checks everything again. Reading an index opens a
 * publish session for an instant; when an archive run holds the community's session, the last index read is
 * used.
 */
public final class ArchiveSummaries {
    /** Blob bytes a listing reads to check archives it has not checked yet. */
    static final long CHECK_BUDGET_BYTES = 64L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveSummaries.class);

    /** The outcome of reading one stored archive back, and which checks ran. */
    private record Check(long bytes, int messages, boolean ok, Set<ArchiveSummary.Check> ran) {
    }

    private final SchedulerContext ctx;
    private final ArchiveService service;
    private final CommittedIndexes indexes;
    private final Map<String, Check> checks = new ConcurrentHashMap<>();

    /**
     * @param scheduler the scheduler, for each community's configured backends and role; it reads the same indexes
     *                  for its status (an owner's archive count): one cache, one read per commit
     */
    ArchiveSummaries(SchedulerContext ctx, ArchiveScheduler scheduler) {
        this.ctx = ctx;
        this.service = scheduler;
        this.indexes = scheduler.committedIndexes();
    }

    /** The community's archives, checking those not checked yet within the budget. */
    public List<ArchiveSummary> archives(CommunityId id) throws ArchivistException {
        return summaries(id, new long[] {CHECK_BUDGET_BYTES}, false);
    }

    /** The community's archives, every one checked again now. */
    public List<ArchiveSummary> verify(CommunityId id) throws ArchivistException {
        String prefix = id.hex() + "|";
        checks.keySet().removeIf(k -> k.startsWith(prefix));
        return summaries(id, new long[] {Long.MAX_VALUE}, true);
    }

    /**
     * @param deep also the checks that ask the storage node ({@link ArchiveSummary.Check#CONTENT_ADDRESS}): an
     *             operator's verify, never a listing
     */
    private List<ArchiveSummary> summaries(CommunityId id, long[] budget, boolean deep) throws ArchivistException {
        CommunityArchiveStatus status = service.community(id).orElseThrow(
                () -> new ArchivistException("community " + id + " has no archive configuration"));
        if (!status.controlNode()) {
            return List.of();
        }
        Map<TimeRange, Map<String, IndexEntry>> byRange = new TreeMap<>(
                Comparator.comparingLong(TimeRange::from).thenComparingLong(TimeRange::to));
        for (String name : new TreeSet<>(status.backends())) {
            Optional<StorageBackend> backend = ctx.backends().get(name);
            if (backend.isEmpty()) {
                continue;
            }
            for (IndexEntry e : index(id, name, backend.get())) {
                byRange.computeIfAbsent(e.range(), r -> new LinkedHashMap<>()).put(name, e);
            }
        }
        List<ArchiveSummary> out = new ArrayList<>(byRange.size());
        for (Map.Entry<TimeRange, Map<String, IndexEntry>> r : byRange.entrySet()) {
            out.add(summary(id, r.getKey(), r.getValue(), budget, deep));
        }
        return out;
    }

    private ArchiveSummary summary(CommunityId id, TimeRange range, Map<String, IndexEntry> copies, long[] budget,
            boolean deep) {
        OptionalLong bytes = OptionalLong.empty();
        OptionalInt messages = OptionalInt.empty();
        boolean verified = true;
        Set<ArchiveSummary.Check> ran = EnumSet.noneOf(ArchiveSummary.Check.class);
        for (Map.Entry<String, IndexEntry> copy : copies.entrySet()) {
            Optional<Check> check = check(id, copy.getKey(), copy.getValue(), budget, deep);
            verified &= check.map(Check::ok).orElse(false);
            check.ifPresent(c -> ran.addAll(c.ran()));
            if (check.isPresent() && check.get().ok()) {
                bytes = OptionalLong.of(check.get().bytes());
                messages = OptionalInt.of(check.get().messages());
            } else if (bytes.isEmpty() && copy.getValue().location() instanceof ArchiveLocation.PieceRange p) {
                bytes = OptionalLong.of(p.blobLength());
            }
        }
        String first = copies.values().iterator().next().archiveId();
        return new ArchiveSummary(first, range, bytes, messages, copies.keySet(), verified,
                ArchiveSummary.Availability.PUBLISHED, ran);
    }

    /** The remembered check of a stored copy, or a new one while the budget lasts. */
    private Optional<Check> check(CommunityId id, String backendName, IndexEntry entry, long[] budget,
            boolean deep) {
        String key = id.hex() + "|" + backendName + "|" + entry.archiveId();
        Check known = checks.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<StorageBackend> backend = ctx.backends().get(backendName);
        if (budget[0] <= 0 || backend.isEmpty() || !(backend.get() instanceof StoredArchiveReader reader)) {
            return Optional.empty();
        }
        Check check;
        try {
            byte[] blob = reader.readStored(id, entry.location());
            budget[0] -= blob.length;
            List<ArchivedMessage> messages = ctx.format().readArchive(id, entry, blob);
            long outside = messages.stream().filter(m -> !entry.range().contains(m.timestamp())).count();
            if (outside > 0) {
                LOG.warn("{}: archive {} on {} holds {} message(s) outside {}", id, entry.archiveId(), backendName,
                        outside, entry.range());
            }
            Set<ArchiveSummary.Check> ran = EnumSet.of(ArchiveSummary.Check.DECODED);
            boolean addressed = !deep || contentAddressMatches(id, backendName, backend.get(), entry, blob, ran);
            boolean hashed = !deep || piecesMatch(id, backendName, backend.get(), entry, ran);
            check = new Check(blob.length, messages.size(), outside == 0 && addressed && hashed, ran);
        } catch (StorageException e) {
            if (e.retryable()) {
                LOG.info("{}: archive {} on {} not checked now: {}", id, entry.archiveId(), backendName, e.getMessage());
                return Optional.empty();
            }
            LOG.warn("{}: archive {} on {} cannot be read back: {}", id, entry.archiveId(), backendName, e.getMessage());
            check = new Check(0, 0, false, Set.of());
        } catch (ArchivistException | RuntimeException e) {
            LOG.warn("{}: archive {} on {} is not sound: {}", id, entry.archiveId(), backendName, e.getMessage());
            check = new Check(0, 0, false, EnumSet.of(ArchiveSummary.Check.DECODED));
        }
        checks.put(key, check);
        return Optional.of(check);
    }

    /**
     * On a backend that addresses content: whether the key recomputed from the bytes read back equals the key of
     * what the storage node serves at the entry's location ({@link ArchiveSummary.Check#CONTENT_ADDRESS} then
     * ran). True when the backend cannot tell (no such ability, no key for the location, the node unreachable now:
     * the check did not run, as {@code ran} says).
     */
    private static boolean contentAddressMatches(CommunityId id, String backendName, StorageBackend backend,
            IndexEntry entry, byte[] blob, Set<ArchiveSummary.Check> ran) {
        if (!(backend instanceof ContentAddressing addressing)) {
            return true;
        }
        Optional<String> stored;
        try {
            stored = addressing.contentKey(id, entry.location());
        } catch (StorageException e) {
            if (e.retryable()) {
                LOG.info("{}: content address of archive {} on {} not checked now: {}", id, entry.archiveId(),
                        backendName, e.getMessage());
                return true;
            }
            LOG.warn("{}: archive {} on {}: the storage node has no usable content for it: {}", id,
                    entry.archiveId(), backendName, e.getMessage());
            ran.add(ArchiveSummary.Check.CONTENT_ADDRESS);
            return false;
        }
        if (stored.isEmpty()) {
            return true;
        }
        ran.add(ArchiveSummary.Check.CONTENT_ADDRESS);
        String read = addressing.contentKey(blob);
        if (!read.equals(stored.get())) {
            LOG.warn("{}: archive {} on {}: the bytes read back address {}, the storage node serves {}", id,
                    entry.archiveId(), backendName, read, stored.get());
            return false;
        }
        return true;
    }

    /**
     * On a backend that keeps piece hashes ({@link StoredPieceVerifier}, BitTorrent): whether every piece the archive
     * occupies in the stored copy still hashes as recorded ({@link ArchiveSummary.Check#PIECE_HASHES} then ran). True
     * when the backend cannot tell now (no such ability, hashes not covering the archive yet: not run, as {@code ran}
     * says).
     */
    private static boolean piecesMatch(CommunityId id, String backendName, StorageBackend backend, IndexEntry entry,
            Set<ArchiveSummary.Check> ran) {
        if (!(backend instanceof StoredPieceVerifier verifier)) {
            return true;
        }
        List<Integer> mismatched;
        try {
            mismatched = verifier.mismatchedPieces(id, entry.location());
        } catch (StorageException e) {
            if (e.retryable()) {
                LOG.info("{}: piece hashes of archive {} on {} not checked now: {}", id, entry.archiveId(),
                        backendName, e.getMessage());
                return true;
            }
            LOG.warn("{}: archive {} on {}: its pieces cannot be checked: {}", id, entry.archiveId(), backendName,
                    e.getMessage());
            ran.add(ArchiveSummary.Check.PIECE_HASHES);
            return false;
        }
        ran.add(ArchiveSummary.Check.PIECE_HASHES);
        if (!mismatched.isEmpty()) {
            LOG.warn("{}: archive {} on {}: stored piece(s) {} no longer match their recorded hashes", id,
                    entry.archiveId(), backendName, mismatched);
            return false;
        }
        return true;
    }

    /** The backend's committed index entries, read again only when its link changed. */
    private List<IndexEntry> index(CommunityId id, String name, StorageBackend backend) throws ArchivistException {
        return indexes.entries(id, name, backend);
    }
}
