package org.archivist.core.directory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.IndexCodec;
import org.archivist.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One community's archives in the Status layout: {@code <data-dir>/<community>/data} and
 * {@code .../index} (directories 0700, files 0644). The directory and its files appear with the first
 * archive; a community without archives has none.
 *
 * <p>{@link #open} repairs what a crash left behind: a data file longer than the committed index
 * accounts for (an append whose index was never committed) is truncated back, and a stale temporary
 * index is removed. A data file shorter than the index says is corruption and is reported, not touched.
 */
public final class ArchiveDirectory {
    public static final String DATA = "data";
    public static final String INDEX = "index";
    static final String INDEX_TEMP = ".index.tmp";
    /** Where {@link #rebuildIndex} keeps the index it replaced. */
    public static final String INDEX_BEFORE_REPAIR = ".index.before-repair";
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveDirectory.class);

    /** Writes bytes to the data file; replaced in tests to simulate a full disk. */
    @FunctionalInterface
    interface DataWriter {
        void write(FileChannel channel, ByteBuffer bytes) throws IOException;
    }

    private final Path dir;
    private final CommunityId community;
    private final Optional<ArchiveCipher> cipher;
    private final DecodeLimits limits;
    private final DataWriter writer;

    ArchiveDirectory(Path dataDir, CommunityId community, Optional<ArchiveCipher> cipher, DecodeLimits limits,
            DataWriter writer) {
        this.dir = dataDir.resolve(community.hex());
        this.community = community;
        this.cipher = cipher;
        this.limits = limits;
        this.writer = writer;
    }

    /**
     * Opens (without creating) the community's directory under {@code dataDir} and repairs a crash
     * leftover. {@code cipher} decrypts the index of an encrypted community.
     *
     * @throws CorruptArchiveDirectoryException when the files contradict each other
     */
    public static ArchiveDirectory open(Path dataDir, CommunityId community, Optional<ArchiveCipher> cipher)
            throws StorageException {
        return open(dataDir, community, cipher, DecodeLimits.DEFAULT);
    }

    public static ArchiveDirectory open(Path dataDir, CommunityId community, Optional<ArchiveCipher> cipher,
            DecodeLimits limits) throws StorageException {
        ArchiveDirectory d = new ArchiveDirectory(dataDir, community, cipher, limits, ArchiveDirectory::writeFully);
        d.repairUnlessPublishing();
        return d;
    }

    static ArchiveDirectory open(Path dataDir, CommunityId community, DataWriter writer) throws StorageException {
        ArchiveDirectory d = new ArchiveDirectory(dataDir, community, Optional.empty(), DecodeLimits.DEFAULT, writer);
        d.repairUnlessPublishing();
        return d;
    }

    public CommunityId community() {
        return community;
    }

    /** {@code <data-dir>/<community>}: the directory a torrent of this community is built from. */
    public Path path() {
        return dir;
    }

    public Path dataFile() {
        return dir.resolve(DATA);
    }

    public Path indexFile() {
        return dir.resolve(INDEX);
    }

    /** The index as last committed (possibly encrypted), or empty when no archive was ever committed. */
    public Optional<byte[]> committedIndex() throws StorageException {
        Path index = indexFile();
        if (!Files.exists(index)) {
            return Optional.empty();
        }
        requireRegular(index);
        try {
            long size = Files.size(index);
            if (size > limits.maxIndexBytes()) {
                throw new CorruptArchiveDirectoryException(index + " has " + size + " bytes, over the limit of "
                        + limits.maxIndexBytes());
            }
            return Optional.of(Files.readAllBytes(index));
        } catch (IOException e) {
            throw new StorageException("cannot read " + index + ": " + e.getMessage(), true, e);
        }
    }

    /** The committed entries, decrypted and validated, in ascending {@code from}. */
    public List<IndexEntry> entries() throws StorageException {
        Optional<byte[]> index = committedIndex();
        if (index.isEmpty()) {
            return List.of();
        }
        try {
            byte[] plain = ArchiveEnvelope.unseal(community, index.get(), cipher);
            return IndexCodec.decode(plain, IndexCodec.Shape.PIECE_RANGES, limits);
        } catch (InvalidArchiveException e) {
            throw new CorruptArchiveDirectoryException(indexFile() + " is not a valid index: " + e.getMessage(), e);
        } catch (CipherException e) {
            throw new StorageException("cannot decrypt " + indexFile() + ": " + e.getMessage(), false, e);
        }
    }

    /** The current length of the data file (0 when there is none). */
    public long dataLength() throws StorageException {
        try {
            if (!Files.exists(dataFile())) {
                return 0;
            }
            requireRegular(dataFile());
            return Files.size(dataFile());
        } catch (IOException e) {
            throw new StorageException("cannot read the size of " + dataFile() + ": " + e.getMessage(), true, e);
        }
    }

    /** Reads back the blob (without its padding) stored at {@code range}. */
    public byte[] readBlob(PieceRange range) throws StorageException {
        long length = dataLength();
        if (range.end() > length) {
            throw new CorruptArchiveDirectoryException("archive at offset " + range.offset() + " size " + range.size()
                    + " ends past the end of " + dataFile() + " (" + length + " bytes)");
        }
        if (range.blobLength() > limits.maxArchiveBytes()) {
            // checked before anything is allocated: an index may claim any size
            throw new CorruptArchiveDirectoryException("archive at offset " + range.offset() + " claims "
                    + range.blobLength() + " bytes, over the limit of " + limits.maxArchiveBytes() + " for one archive");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) range.blobLength());
        try (FileChannel ch = FileChannel.open(dataFile(), StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (ch.read(buffer, range.offset() + buffer.position()) < 0) {
                    throw new CorruptArchiveDirectoryException(dataFile() + " ended while reading an archive");
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot read " + dataFile() + ": " + e.getMessage(), true, e);
        }
        return buffer.array();
    }

    /**
     * Starts appending archives, failing at once when another writer holds the directory. Closing the
     * session without a commit truncates the data file back to where it was.
     *
     * @throws DirectoryLockedException when another process or session writes the directory
     */
    public PublishSession beginPublish() throws StorageException {
        return beginPublish(Duration.ZERO);
    }

    /**
     * Starts appending archives once this is the directory's only writer (an OS lock held until the
     * session closes), waiting up to {@code wait} for another writer to finish. Repairs what a crashed run
     * left behind first.
     *
     * @throws DirectoryLockedException when another writer still holds the directory after {@code wait}
     */
    public PublishSession beginPublish(Duration wait) throws StorageException {
        DirectoryLock lock = DirectoryLock.acquire(dir, wait);
        try {
            long committed = repair();
            return new DirectorySession(this, committed, () -> {
                try {
                    lock.close();
                } catch (StorageException e) {
                    LOG.warn("{}", e.getMessage());
                }
            });
        } catch (StorageException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens the community's directory as it is, without repairing anything (to inspect it). Call
     * {@link #verify} to check it.
     */
    public static ArchiveDirectory existing(Path dataDir, CommunityId community, Optional<ArchiveCipher> cipher)
            throws StorageException {
        return new ArchiveDirectory(dataDir, community, cipher, DecodeLimits.DEFAULT, ArchiveDirectory::writeFully);
    }

    /**
     * Checks the files against each other without changing them and returns the committed data length.
     * The commit record ({@link CommitRecord}) says how long the data was at the last commit when it
     * describes the index; otherwise (a crash between the index and the record, or a directory written
     * by status-go) the index's own layout says it. A longer data file is an uncommitted tail that a
     * writer cuts off.
     *
     * @throws CorruptArchiveDirectoryException when the index is missing, empty or does not decode while
     *         the data holds bytes ({@code archivist repair} rebuilds it), its archives do not follow each
     *         other from offset 0, it describes less than the last commit recorded, or the data is shorter
     *         than the index says
     */
    public long verify() throws StorageException {
        long length = dataLength();
        Optional<byte[]> index = committedIndex();
        byte[] indexBytes = index.orElse(new byte[0]);
        Optional<CommitRecord> record = commitRecord();
        long committed;
        if (record.isPresent() && record.get().describes(indexBytes)) {
            committed = record.get().dataLength();
        } else if (indexBytes.length == 0) {
            if (length > 0) {
                throw new CorruptArchiveDirectoryException(dataFile() + " holds " + length + " bytes but "
                        + indexFile() + (index.isEmpty() ? " is missing" : " is empty") + "; nothing was changed."
                        + " Rebuild the index from the data with: archivist repair " + dir);
            }
            return 0;
        } else {
            committed = committedLength(entriesWithRepairHint());
            if (record.isPresent() && committed < record.get().dataLength()) {
                throw new CorruptArchiveDirectoryException(indexFile() + " describes " + committed
                        + " bytes of data but the last commit recorded " + record.get().dataLength()
                        + " (the index was replaced or lost entries); nothing was changed. Rebuild it from the data"
                        + " with: archivist repair " + dir);
            }
        }
        if (length < committed) {
            throw new CorruptArchiveDirectoryException(dataFile() + " has " + length + " bytes but " + indexFile()
                    + " describes " + committed + ": archives are missing from the data file");
        }
        return committed;
    }

    private List<IndexEntry> entriesWithRepairHint() throws StorageException {
        try {
            return entries();
        } catch (CorruptArchiveDirectoryException e) {
            throw new CorruptArchiveDirectoryException(e.getMessage() + "; nothing was changed. Rebuild the index"
                    + " from the data with: archivist repair " + dir, e);
        }
    }

    private Optional<CommitRecord> commitRecord() throws StorageException {
        try {
            return CommitRecord.read(dir);
        } catch (IOException e) {
            throw new CorruptArchiveDirectoryException("cannot read the commit record: " + e.getMessage(), e);
        }
    }

    /** Records the commit of {@code index} with {@code dataLength} bytes of data (after the index is in place). */
    void recordCommit(long dataLength, byte[] index) throws IOException {
        CommitRecord.of(dataLength, index).write(dir);
    }

    /**
     * Repairs when no other writer holds the directory; otherwise only checks it (its appended tail and
     * temporary files are not leftovers, and its session repaired when it began).
     */
    private void repairUnlessPublishing() throws StorageException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        DirectoryLock.Holder attempt = DirectoryLock.tryAcquire(dir);
        if (attempt.lock().isEmpty()) {
            verify();
            return;
        }
        try (DirectoryLock lock = attempt.lock().get()) {
            repair();
        }
    }

    /**
     * Brings the files back to the last commit and returns the committed data length. Call only while
     * holding the directory's lock.
     *
     * @throws CorruptArchiveDirectoryException when {@link #verify} finds the files inconsistent
     */
    long repair() throws StorageException {
        try {
            Files.deleteIfExists(dir.resolve(INDEX_TEMP));
            Files.deleteIfExists(dir.resolve(CommitRecord.TEMP));
        } catch (IOException e) {
            throw new StorageException("cannot remove a stale temporary file in " + dir + ": " + e.getMessage(),
                    true, e);
        }
        long committed = verify();
        byte[] index = committedIndex().orElse(new byte[0]);
        if (commitRecord().filter(r -> r.describes(index)).isEmpty()) {
            // adopt the index (newer than the record after a crash between the two, or the first run here)
            try {
                recordCommit(committed, index);
            } catch (IOException e) {
                throw new StorageException("cannot write the commit record of " + dir + ": " + e.getMessage(), true,
                        e);
            }
        }
        long length = dataLength();
        if (length > committed) {
            LOG.warn("{}: truncating {} uncommitted bytes (an interrupted archive run) back to {} bytes", dataFile(),
                    length - committed, committed);
            truncate(committed);
        }
        return committed;
    }

    /**
     * Rebuilds the index from the data file (the way out of a lost, emptied or unreadable index): scans
     * it archive by archive, and commits a new index (sealed when the archives were) of every archive that
     * decoded, but only when nothing else is left: any undecodable range leaves the directory as it was,
     * unless it is the data's tail and {@code cutTail} allows cutting it. The previous index, if any, is
     * kept as {@value #INDEX_BEFORE_REPAIR}. Holds the directory's lock while it works.
     *
     * @throws DirectoryLockedException when another writer holds the directory
     */
    public RecoveryReport rebuildIndex(boolean cutTail) throws StorageException {
        try (DirectoryLock lock = DirectoryLock.acquire(dir, Duration.ZERO)) {
            long length = dataLength();
            if (length == 0) {
                return new RecoveryReport(List.of(), List.of(), false, 0);
            }
            IndexRecovery.Scan scan = new IndexRecovery(community, cipher, limits).scan(dataFile());
            List<RecoveryReport.Unrecovered> bad = scan.unrecovered();
            long keep = length;
            if (bad.size() == 1 && bad.get(0).to() == length && cutTail) {
                keep = bad.get(0).from();
            } else if (!bad.isEmpty()) {
                return new RecoveryReport(scan.recovered(), bad, false, 0);
            }
            if (scan.recovered().isEmpty()) {
                return new RecoveryReport(scan.recovered(), bad, false, 0);
            }
            boolean sealed = scan.recovered().stream().anyMatch(RecoveryReport.Recovered::encrypted);
            byte[] index = IndexCodec.encode(IndexCodec.Shape.PIECE_RANGES, scan.recovered().stream().map(RecoveryReport.Recovered::entry).toList());
            if (sealed) {
                index = ArchiveEnvelope.seal(community, index, cipher.orElseThrow());
            }
            if (Files.exists(indexFile())) {
                AtomicFiles.move(indexFile(), dir.resolve(INDEX_BEFORE_REPAIR));
            }
            AtomicFiles.writeAtomically(indexFile(), dir.resolve(INDEX_TEMP), index, AtomicFiles.PUBLIC_FILE);
            recordCommit(keep, index);
            if (keep < length) {
                truncate(keep);
            }
            return new RecoveryReport(scan.recovered(), bad, true, length - keep);
        } catch (IOException e) {
            throw new StorageException("cannot rebuild the index of " + dir + ": " + e.getMessage(), false, e);
        } catch (CipherException e) {
            throw new StorageException("cannot seal the rebuilt index of " + dir + ": " + e.getMessage(), false, e);
        }
    }

    /** A FIFO or device in place of {@code data} or {@code index} would hang a read: refused. */
    private static void requireRegular(Path file) throws CorruptArchiveDirectoryException {
        if (!Files.isRegularFile(file)) {
            throw new CorruptArchiveDirectoryException(file + " is not a regular file (a FIFO, device or directory is"
                    + " refused)");
        }
    }

    /** The entries must tile the data file from 0, as status-go writes it. */
    private long committedLength(List<IndexEntry> entries) throws CorruptArchiveDirectoryException {
        List<PieceRange> ranges = entries.stream().map(e -> (PieceRange) e.location())
                .sorted(java.util.Comparator.comparingLong(PieceRange::offset)).toList();
        long next = 0;
        for (PieceRange r : ranges) {
            if (r.offset() != next) {
                throw new CorruptArchiveDirectoryException(indexFile() + ": an archive starts at " + r.offset()
                        + " where " + next + " was expected (the archives must follow each other from offset 0)");
            }
            next = r.end();
        }
        return next;
    }

    void truncate(long length) throws StorageException {
        if (!Files.exists(dataFile())) {
            return;
        }
        try {
            if (length == 0 && !Files.exists(indexFile())) {
                Files.delete(dataFile());
                return;
            }
            try (FileChannel ch = FileChannel.open(dataFile(), StandardOpenOption.WRITE)) {
                ch.truncate(length);
                ch.force(true);
            }
        } catch (IOException e) {
            throw new StorageException("cannot truncate " + dataFile() + " back to " + length + " bytes: "
                    + e.getMessage(), false, e);
        }
    }

    DataWriter writer() {
        return writer;
    }

    void createDirectory() throws IOException {
        AtomicFiles.createPrivateDirectories(dir);
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
