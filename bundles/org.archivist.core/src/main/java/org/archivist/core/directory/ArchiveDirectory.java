package org.archivist.core.directory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveDirectory.class);
    private static final Set<Path> OPEN_SESSIONS = ConcurrentHashMap.newKeySet();

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
            return Files.exists(dataFile()) ? Files.size(dataFile()) : 0;
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
        if (range.blobLength() > Integer.MAX_VALUE - 8) {
            throw new StorageException("archive blob of " + range.blobLength() + " bytes is too large to read", false);
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
     * Starts appending archives. One session per directory at a time; closing it without a commit
     * truncates the data file back to where it was.
     */
    public PublishSession beginPublish() throws StorageException {
        Path key = sessionKey();
        if (!OPEN_SESSIONS.add(key)) {
            throw new StorageException("a publish session for " + dir + " is already open", true);
        }
        try {
            long committed = repair();
            return new DirectorySession(this, committed, () -> OPEN_SESSIONS.remove(key));
        } catch (StorageException | RuntimeException e) {
            OPEN_SESSIONS.remove(key);
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
     * Checks the files against each other without changing them and returns the committed data length
     * (the end of the last archive). A longer data file is an uncommitted tail that {@link #open} cuts off.
     *
     * @throws CorruptArchiveDirectoryException when the index does not decode, its archives do not follow
     *         each other from offset 0, or the data is shorter than the index says
     */
    public long verify() throws StorageException {
        long committed = committedLength(entries());
        long length = dataLength();
        if (length < committed) {
            throw new CorruptArchiveDirectoryException(dataFile() + " has " + length + " bytes but " + indexFile()
                    + " describes " + committed + ": archives are missing from the data file");
        }
        return committed;
    }

    /**
     * Repairs, unless a publish session of this JVM is writing the directory right now: its appended tail
     * and its temporary index are not leftovers, and the session itself repairs when it begins.
     */
    private void repairUnlessPublishing() throws StorageException {
        if (OPEN_SESSIONS.contains(sessionKey())) {
            verify();
        } else {
            repair();
        }
    }

    private Path sessionKey() {
        return dir.toAbsolutePath().normalize();
    }

    /**
     * Brings the files back to the last commit and returns the committed data length.
     *
     * @throws CorruptArchiveDirectoryException when the data is shorter than the index says
     */
    long repair() throws StorageException {
        try {
            Files.deleteIfExists(dir.resolve(INDEX_TEMP));
        } catch (IOException e) {
            throw new StorageException("cannot remove the stale " + dir.resolve(INDEX_TEMP) + ": " + e.getMessage(),
                    true, e);
        }
        long committed = verify();
        long length = dataLength();
        if (length > committed) {
            LOG.warn("{}: truncating {} uncommitted bytes (an interrupted archive run) back to {} bytes", dataFile(),
                    length - committed, committed);
            truncate(committed);
        }
        return committed;
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
