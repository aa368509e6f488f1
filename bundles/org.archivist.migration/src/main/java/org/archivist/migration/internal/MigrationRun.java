package org.archivist.migration.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.IndexCodec;
import org.archivist.migration.ArchiveSource;
import org.archivist.migration.MigrationException;
import org.archivist.migration.MigrationProgress;
import org.archivist.migration.MigrationProgress.Step;
import org.archivist.migration.MigrationProgress.StepEvent;
import org.archivist.migration.MigrationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One run of a community's migration: read the source index, store every archive the target lacks (each
 * journaled once stored), build the target index in archive order and keep it in the journal, commit it, then
 * fetch every archive back from the target and compare its bytes. Each step is journaled before the next one
 * starts, so a rerun after a crash anywhere continues where this one stopped.
 */
public final class MigrationRun {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRun.class);

    private final CommunityId community;
    private final ArchiveSource source;
    private final String targetName;
    private final StorageBackend target;
    private final Optional<ArchiveCipher> cipher;
    private final Path journalDir;
    private final long assumedBytesPerSecond;
    private final MigrationProgress progress;
    private final StoreRetry retry;

    private int total;
    private long bytesTotal;
    private long bytesDone;
    private int uploaded;
    private long uploadedBytes;
    private int skipped;
    private int failed;

    public MigrationRun(CommunityId community, ArchiveSource source, String targetName, StorageBackend target,
            Optional<ArchiveCipher> cipher, Path journalDir, long assumedBytesPerSecond, MigrationProgress progress) {
        this(community, source, targetName, target, cipher, journalDir, assumedBytesPerSecond, progress,
                StoreRetry.DEFAULT);
    }

    MigrationRun(CommunityId community, ArchiveSource source, String targetName, StorageBackend target,
            Optional<ArchiveCipher> cipher, Path journalDir, long assumedBytesPerSecond, MigrationProgress progress,
            StoreRetry retry) {
        this.community = community;
        this.source = source;
        this.targetName = targetName;
        this.target = target;
        this.cipher = cipher;
        this.journalDir = journalDir;
        this.assumedBytesPerSecond = assumedBytesPerSecond;
        this.progress = progress;
        this.retry = retry;
    }

    public MigrationReport run(boolean dryRun) throws MigrationException {
        MDC.put("community", community.hex());
        long started = System.nanoTime();
        try {
            SourceSet set = readSource();
            MigrationJournal journal = MigrationJournal.open(journalDir, source.name(), targetName);
            if (dryRun) {
                return plan(set, journal);
            }
            Optional<String> link = migrate(set, journal);
            int verified = link.isPresent() && failed == 0 ? verify(set, journal, link.get()) : 0;
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            MigrationReport report = report(false, verified, failed == 0 ? link : Optional.empty(), took);
            emit(Step.FINISHED, 0, Optional.empty(), report.link());
            LOG.info("migration {}", report.summary());
            return report;
        } finally {
            MDC.remove("community");
        }
    }

    /** The source index, decrypted and decoded, and whether it was encrypted. */
    private record SourceSet(List<IndexEntry> entries, boolean encrypted) {
    }

    private SourceSet readSource() throws MigrationException {
        try {
            Optional<byte[]> stored = source.committedIndex();
            if (stored.isEmpty() || stored.get().length == 0) {
                throw new MigrationException(community + " has no committed archives on " + source.name()
                        + "; nothing to migrate", false);
            }
            byte[] plain = ArchiveEnvelope.unseal(community, stored.get(), cipher);
            List<IndexEntry> entries = source.format().decodeIndex(plain, DecodeLimits.DEFAULT.maxIndexEntries())
                    .stream().sorted(IndexCodec.ORDER).toList();
            SourceSet set = new SourceSet(entries, ArchiveEnvelope.isSealed(stored.get()));
            total = entries.size();
            bytesTotal = entries.stream().mapToLong(e -> blobLength(e.location())).sum();
            emit(Step.PLANNED, 0, Optional.empty(), Optional.empty());
            return set;
        } catch (MigrationException e) {
            throw e;
        } catch (StorageException e) {
            throw new MigrationException("cannot read the index of " + community + " on " + source.name() + ": "
                    + e.getMessage(), e.retryable(), e);
        } catch (ArchivistException e) {
            throw new MigrationException("cannot read the index of " + community + " on " + source.name() + ": "
                    + e.getMessage(), false, e);
        }
    }

    /** The blob length an index states (piece ranges); 0 when the index does not say (content addresses). */
    private static long blobLength(ArchiveLocation location) {
        return location instanceof ArchiveLocation.PieceRange r ? r.blobLength() : 0;
    }

    /** Dry run: what the journal and the target's committed index do not cover yet; nothing is written. */
    private MigrationReport plan(SourceSet set, MigrationJournal journal) {
        Map<String, JournalRecord> byId = new HashMap<>();
        journal.records().values().forEach(r -> byId.put(r.sourceId(), r));
        int verified = 0;
        for (IndexEntry e : set.entries()) {
            JournalRecord r = byId.get(e.archiveId());
            if (r != null) {
                skipped++;
                verified += r.verified() ? 1 : 0;
            } else {
                uploaded++;
                uploadedBytes += blobLength(e.location());
            }
        }
        Duration estimate = Duration.ofMillis(uploadedBytes * 1000 / assumedBytesPerSecond);
        return report(true, verified, journal.link(), estimate);
    }

    /** Stores what is missing, builds and commits the index; the link, or empty when an archive failed. */
    private Optional<String> migrate(SourceSet set, MigrationJournal journal) throws MigrationException {
        LinkFormat format = target.linkFormat();
        try (PublishSession session = retry.call("open a publish session on " + targetName,
                () -> target.beginPublish(community))) {
            List<IndexEntry> existing = existingEntries(session);
            Map<TimeRange, IndexEntry> existingByRange = new HashMap<>();
            existing.forEach(e -> existingByRange.put(e.range(), e));
            List<IndexEntry> index = new ArrayList<>(existing);
            int n = 0;
            for (IndexEntry e : set.entries()) {
                n++;
                IndexEntry present = existingByRange.get(e.range());
                if (present != null) {
                    skipped++;
                    bytesDone += blobLength(e.location());
                    emit(Step.SKIPPED, n, Optional.of(e.archiveId()), Optional.empty());
                    continue;
                }
                Optional<IndexEntry> moved = moveArchive(n, e, session, format, journal);
                moved.ifPresent(index::add);
            }
            if (failed > 0) {
                LOG.error("{}: {} archive(s) could not be migrated; the {} index is not committed", community, failed,
                        targetName);
                return Optional.empty();
            }
            byte[] plain = format.encodeIndex(index);
            byte[] bytes = indexBytes(set, plain, journal);
            emit(Step.INDEX_BUILT, 0, Optional.empty(), Optional.empty());
            Optional<byte[]> committed = session.existingIndex();
            String link;
            Optional<String> current = target.currentLink(community);
            if (committed.isPresent() && Arrays.equals(committed.get(), bytes) && current.isPresent()) {
                link = current.get();
                LOG.info("{}: the {} index {} is already the migrated one", community, targetName, link);
            } else {
                link = retry.call("commit the index on " + targetName, () -> session.commit(bytes));
            }
            journal.link(link);
            emit(Step.COMMITTED, 0, Optional.empty(), Optional.of(link));
            return Optional.of(link);
        } catch (StorageException e) {
            throw new MigrationException("migrating " + community + " to " + targetName + " stopped: " + e.getMessage()
                    + " (what was done is journaled; run again to continue)", e.retryable(), e);
        } catch (ArchivistException e) {
            throw new MigrationException("migrating " + community + " to " + targetName + " stopped: "
                    + e.getMessage(), false, e);
        }
    }

    private List<IndexEntry> existingEntries(PublishSession session) throws ArchivistException {
        Optional<byte[]> stored = session.existingIndex();
        if (stored.isEmpty() || stored.get().length == 0) {
            return List.of();
        }
        byte[] plain = ArchiveEnvelope.unseal(community, stored.get(), cipher);
        return target.linkFormat().decodeIndex(plain, DecodeLimits.DEFAULT.maxIndexEntries());
    }

    /** Reads one archive, stores it on the target unless the journal has it there, journals it. */
    private Optional<IndexEntry> moveArchive(int n, IndexEntry e, PublishSession session, LinkFormat format,
            MigrationJournal journal) throws StorageException, MigrationException {
        byte[] blob;
        try {
            blob = source.read(e.location());
        } catch (StorageException ex) {
            if (ex.retryable()) {
                throw ex;
            }
            failed++;
            LOG.error("{}: archive {} cannot be read from {}: {}", community, e.archiveId(), source.name(),
                    ex.getMessage());
            return Optional.empty();
        }
        if (e.location() instanceof ArchiveLocation.PieceRange && blob.length != blobLength(e.location())) {
            failed++;
            LOG.error("{}: archive {} read back {} bytes from {}, its index entry says {}", community, e.archiveId(),
                    blob.length, source.name(), blobLength(e.location()));
            return Optional.empty();
        }
        bytesDone += blob.length;
        String sha = Sha256.hex(blob);
        emit(Step.READ, n, Optional.of(e.archiveId()), Optional.empty());
        ArchiveLocation location = retry.call("store archive " + e.archiveId() + " on " + targetName,
                () -> session.append(blob));
        if (!Locations.recordable(location)) {
            throw new StorageException(targetName + " stores archives at locations the journal cannot record: "
                    + location, false);
        }
        Optional<JournalRecord> before = journal.record(sha);
        if (before.isPresent() && before.get().location().equals(location)) {
            skipped++;
        } else {
            uploaded++;
            uploadedBytes += blob.length;
        }
        emit(Step.STORED, n, Optional.of(e.archiveId()), Optional.empty());
        boolean stillVerified = before.isPresent() && before.get().verified() && before.get().location().equals(location);
        journal.put(new JournalRecord(sha, blob.length, e.archiveId(), location, stillVerified));
        emit(Step.JOURNALED, n, Optional.of(e.archiveId()), Optional.empty());
        return Optional.of(new IndexEntry(format.archiveId(e.metadata(), location), e.metadata(), location));
    }

    /**
     * The index bytes to commit: the journaled ones when they hold exactly this index (so a rerun of an encrypted
     * set commits the same ciphertext), else freshly encoded (and sealed when the source was) and journaled.
     */
    private byte[] indexBytes(SourceSet set, byte[] plain, MigrationJournal journal) throws ArchivistException {
        Optional<byte[]> kept = journal.index();
        if (kept.isPresent() && Arrays.equals(ArchiveEnvelope.unseal(community, kept.get(), cipher), plain)) {
            return kept.get();
        }
        byte[] bytes = set.encrypted() ? ArchiveEnvelope.seal(community, plain, cipher.orElseThrow(
                () -> new MigrationException("the set of " + community + " is encrypted and no cipher is available",
                        false))) : plain;
        journal.index(bytes);
        return bytes;
    }

    /** Fetches every journaled archive not yet verified back from the target; the count verified in all. */
    private int verify(SourceSet set, MigrationJournal journal, String link) throws MigrationException {
        Map<ArchiveLocation, JournalRecord> byLocation = new HashMap<>();
        journal.records().values().forEach(r -> byLocation.put(r.location(), r));
        int verified = 0;
        try (var download = target.download(community, link)) {
            List<IndexEntry> entries = target.linkFormat().decodeIndex(
                    ArchiveEnvelope.unseal(community, download.index(), cipher), DecodeLimits.DEFAULT.maxIndexEntries());
            int n = 0;
            for (IndexEntry e : entries) {
                n++;
                JournalRecord r = byLocation.get(e.location());
                if (r == null) {
                    continue;
                }
                if (!r.verified()) {
                    byte[] back = download.archive(e.location(), (d, t) -> { });
                    if (back.length != r.length() || !Sha256.hex(back).equals(r.sha256())) {
                        failed++;
                        LOG.error("{}: archive {} fetched back from {} differs from the source", community,
                                r.sourceId(), targetName);
                        continue;
                    }
                    journal.put(r.verified(true));
                    emit(Step.VERIFIED, n, Optional.of(r.sourceId()), Optional.of(link));
                }
                verified++;
            }
        } catch (StorageException e) {
            throw new MigrationException("verifying the migration of " + community + " on " + targetName
                    + " stopped: " + e.getMessage() + " (run again to continue)", e.retryable(), e);
        } catch (ArchivistException e) {
            throw new MigrationException("verifying the migration of " + community + " on " + targetName
                    + " stopped: " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while verifying the migration of " + community, true, e);
        }
        return Math.min(verified, total);
    }

    private MigrationReport report(boolean dryRun, int verified, Optional<String> link, Duration time) {
        return new MigrationReport(community, source.name(), targetName, dryRun, total, bytesTotal, uploaded,
                uploadedBytes, verified, skipped, failed, link, time);
    }

    private void emit(Step step, int archive, Optional<String> archiveId, Optional<String> link) {
        progress.on(new StepEvent(step, archive, total, bytesDone, bytesTotal, archiveId, link));
    }
}
