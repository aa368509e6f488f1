package org.archivist.scheduler.internal;

import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.storage.BlobWriter;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;

/** A publish session that counts the blob bytes appended through it, for the {@code CREATED} event's byte count. */
final class CountingSession implements PublishSession {
    private final PublishSession delegate;
    private long bytes;

    CountingSession(PublishSession delegate) {
        this.delegate = delegate;
    }

    /** The blob bytes appended so far. */
    long bytes() {
        return bytes;
    }

    @Override
    public Optional<byte[]> existingIndex() throws StorageException {
        return delegate.existingIndex();
    }

    @Override
    public ArchiveLocation append(long length, BlobWriter writer) throws StorageException {
        ArchiveLocation location = delegate.append(length, writer);
        bytes += length;
        return location;
    }

    @Override
    public String commit(byte[] index) throws StorageException {
        return delegate.commit(index);
    }

    @Override
    public void close() throws StorageException {
        delegate.close();
    }
}
