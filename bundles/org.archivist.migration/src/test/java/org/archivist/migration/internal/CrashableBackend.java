package org.archivist.migration.internal;

import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.BlobWriter;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;

/**
 * A target backend in a process that can be "killed": once {@link #crash()} is called, every call throws
 * {@link SimulatedCrash} and closing a session does nothing, so the backend's files and the node are left
 * exactly as a killed process leaves them (nothing rolled back, nothing cleaned up).
 */
final class CrashableBackend implements StorageBackend {
    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated kill");
        }
    }

    private final StorageBackend delegate;
    private volatile boolean crashed;

    CrashableBackend(StorageBackend delegate) {
        this.delegate = delegate;
    }

    void crash() {
        crashed = true;
    }

    private void alive() {
        if (crashed) {
            throw new SimulatedCrash();
        }
    }

    @Override
    public LinkFormat linkFormat() {
        return delegate.linkFormat();
    }

    @Override
    public BackendStatus status() {
        return delegate.status();
    }

    @Override
    public PublishSession beginPublish(CommunityId community) throws StorageException {
        alive();
        PublishSession s = delegate.beginPublish(community);
        return new PublishSession() {
            @Override
            public Optional<byte[]> existingIndex() throws StorageException {
                alive();
                return s.existingIndex();
            }

            @Override
            public ArchiveLocation append(long length, BlobWriter writer) throws StorageException {
                alive();
                ArchiveLocation l = s.append(length, writer);
                alive();
                return l;
            }

            @Override
            public String commit(byte[] index) throws StorageException {
                alive();
                String link = s.commit(index);
                alive();
                return link;
            }

            @Override
            public void close() throws StorageException {
                if (!crashed) {
                    s.close();
                }
            }
        };
    }

    @Override
    public Optional<String> currentLink(CommunityId community) throws StorageException {
        alive();
        return delegate.currentLink(community);
    }

    @Override
    public void seed(CommunityId community) throws StorageException {
        alive();
        delegate.seed(community);
    }

    @Override
    public void unseed(CommunityId community) throws StorageException {
        alive();
        delegate.unseed(community);
    }

    @Override
    public ArchiveDownload download(CommunityId community, String link) throws StorageException {
        alive();
        return delegate.download(community, link);
    }
}
