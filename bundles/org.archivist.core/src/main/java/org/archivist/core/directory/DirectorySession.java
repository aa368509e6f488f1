package org.archivist.core.directory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;
import org.archivist.core.format.PieceLayout;
import org.archivist.core.internal.CrashPoints;
import org.archivist.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends blobs (each followed by its zero padding, forced to disk) to a community's data file, then
 * commits the index atomically. Without a commit, closing truncates the data back.
 */
final class DirectorySession implements PublishSession {
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySession.class);
    private static final ByteBuffer ZEROS = ByteBuffer.allocate(PieceLayout.PIECE_LENGTH).asReadOnlyBuffer();

    private final ArchiveDirectory directory;
    private final long startLength;
    private final Runnable release;
    private long length;
    private boolean committed;
    private boolean closed;

    DirectorySession(ArchiveDirectory directory, long committedLength, Runnable release) {
        this.directory = directory;
        this.startLength = committedLength;
        this.length = committedLength;
        this.release = release;
    }

    @Override
    public Optional<byte[]> existingIndex() throws StorageException {
        checkOpen();
        return directory.committedIndex();
    }

    @Override
    public ArchiveLocation append(byte[] blob) throws StorageException {
        checkOpen();
        if (committed) {
            throw new IllegalStateException("the session was committed; begin a new one to append more");
        }
        PieceRange range = PieceLayout.place(length, blob.length);
        Path data = directory.dataFile();
        try {
            directory.createDirectory();
            boolean created = !Files.exists(data);
            try (FileChannel ch = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                if (created) {
                    AtomicFiles.setPermissions(data, AtomicFiles.PUBLIC_FILE);
                }
                CrashPoints.reach("before appending a blob");
                directory.writer().write(ch, ByteBuffer.wrap(blob));
                CrashPoints.reach("after a blob, before its padding");
                long padding = range.padding();
                while (padding > 0) {
                    ByteBuffer zeros = ZEROS.duplicate();
                    zeros.limit((int) Math.min(padding, zeros.capacity()));
                    padding -= zeros.remaining();
                    directory.writer().write(ch, zeros);
                }
                CrashPoints.reach("after the padding, before forcing it");
                ch.force(true);
            }
            CrashPoints.reach("after an append was forced");
        } catch (IOException e) {
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            try {
                directory.truncate(length);
            } catch (StorageException again) {
                e.addSuppressed(again);
                throw new StorageException("could not append an archive of " + blob.length + " bytes to " + data + " ("
                        + problem + "), and could not truncate it back: reopen the directory to repair it", false, e);
            }
            throw new StorageException("could not append an archive of " + blob.length + " bytes to " + data + " ("
                    + problem + "); the data file was cut back to " + length
                    + " bytes, the archives committed before are intact", false, e);
        }
        length = range.end();
        return range;
    }

    @Override
    public String commit(byte[] index) throws StorageException {
        checkOpen();
        Path target = directory.indexFile();
        try {
            directory.createDirectory();
            AtomicFiles.writeAtomically(target, directory.path().resolve(ArchiveDirectory.INDEX_TEMP), index,
                    AtomicFiles.PUBLIC_FILE);
        } catch (IOException e) {
            throw new StorageException("could not write " + target + " (" + e.getMessage()
                    + "); the previous index is intact", false, e);
        }
        committed = true;
        CrashPoints.reach("after the index was committed, before the commit record");
        try {
            directory.recordCommit(length, index);
        } catch (IOException e) {
            // the index is committed and the data under it forced: the next writer adopts it and rewrites the record
            LOG.warn("{}: the index is committed but its commit record could not be written ({}); the next run"
                    + " rewrites it", directory.path(), e.getMessage());
        }
        CrashPoints.reach("after the commit record");
        return directory.path().toUri().toString();
    }

    @Override
    public void close() throws StorageException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!committed && length != startLength) {
                directory.truncate(startLength);
            }
        } finally {
            release.run();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the publish session is closed");
        }
    }
}
