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
import org.archivist.api.storage.BlobWriter;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;
import org.archivist.core.format.PieceLayout;
import org.archivist.core.internal.CrashPoints;
import org.archivist.core.io.AtomicFiles;
import org.archivist.core.io.ExactLengthOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends blobs (each followed by its zero padding) to a community's data file, then commits the index
 * atomically. Each append is forced to disk on a background thread while the next one is encoded and written
 * ({@link BackgroundForce}); the index is committed only once every append is forced. Without a commit,
 * closing truncates the data back.
 */
final class DirectorySession implements PublishSession {
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySession.class);
    private static final ByteBuffer ZEROS = ByteBuffer.allocate(PieceLayout.PIECE_LENGTH).asReadOnlyBuffer();

    /** The largest write into the data file: a blob is encoded into this direct buffer, then written. */
    static final int BUFFER = 1024 * 1024;
    private static final int SMALLEST_BUFFER = 8 * 1024;

    private final ArchiveDirectory directory;
    private final long startLength;
    private final Runnable release;
    private final BackgroundForce forces = new BackgroundForce();
    private ByteBuffer buffer;
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
    public ArchiveLocation append(long blobLength, BlobWriter writer) throws StorageException {
        checkOpen();
        if (committed) {
            throw new IllegalStateException("the session was committed; begin a new one to append more");
        }
        ExactLengthOutputStream.checkLength(blobLength);
        PieceRange range = PieceLayout.place(length, blobLength);
        Path data = directory.dataFile();
        ChannelBlobOutput out = null;
        FileChannel ch = null;
        try {
            directory.createDirectory();
            boolean created = !Files.exists(data);
            ch = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (created) {
                AtomicFiles.setPermissions(data, AtomicFiles.PUBLIC_FILE);
            }
            CrashPoints.reach("before appending a blob");
            out = new ChannelBlobOutput(buffer(blobLength), ch, directory.writer(), blobLength);
            writer.writeTo(out);
            out.checkComplete();
            CrashPoints.reach("after a blob, before its padding");
            long padding = range.padding();
            while (padding > 0) {
                ByteBuffer zeros = ZEROS.duplicate();
                zeros.limit((int) Math.min(padding, zeros.capacity()));
                padding -= zeros.remaining();
                directory.writer().write(ch, zeros);
            }
            CrashPoints.reach("after the padding, before forcing it");
            FileChannel written = ch;
            ch = null;
            forces.submit(written); // waits for the previous append's force; this one is forced in the background
            CrashPoints.reach("after the previous append was forced, this one forcing");
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
            }
            boolean misuse = e instanceof IllegalStateException || out != null && out.overflowed();
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            try {
                directory.truncate(length);
            } catch (StorageException again) {
                e.addSuppressed(again);
                throw new StorageException("could not append an archive of " + blobLength + " bytes to " + data + " ("
                        + problem + "), and could not truncate it back: reopen the directory to repair it", false, e);
            }
            if (misuse) {
                throw new IllegalStateException(problem + "; the blob was discarded", e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new StorageException("could not append an archive of " + blobLength + " bytes to " + data + " ("
                    + problem + "); the data file was cut back to " + length
                    + " bytes, the archives committed before are intact", false, e);
        }
        length = range.end();
        return range;
    }

    /**
     * The session's direct buffer, sized for the blobs seen so far (a small community's archives need less than
     * the {@value #BUFFER} bytes of a large one's); reused by every append, as a session has one writer at a time.
     */
    private ByteBuffer buffer(long blobLength) {
        if (buffer == null || buffer.capacity() < BUFFER && buffer.capacity() < blobLength) {
            buffer = ByteBuffer.allocateDirect((int) Math.max(SMALLEST_BUFFER, Math.min(BUFFER, blobLength)));
        }
        return buffer;
    }

    @Override
    public String commit(byte[] index) throws StorageException {
        checkOpen();
        Path target = directory.indexFile();
        try {
            forces.await();
        } catch (IOException e) {
            throw new StorageException("could not force the archives to " + directory.dataFile() + " ("
                    + e.getMessage() + "); nothing committed, the previous index is intact", false, e);
        }
        CrashPoints.reach("after every append was forced, before the index");
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
        forces.close();
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
