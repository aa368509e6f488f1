package org.archivist.storage.bittorrent.internal;

import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.storage.BlobWriter;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;

/**
 * The core's directory session (data append with padding, atomic index rewrite, rollback) plus what
 * BitTorrent adds on commit: the community's torrent is rebuilt and written, seeding moves to it, and the
 * magnet link is returned.
 */
final class TorrentPublishSession implements PublishSession {
    private final BitTorrentBackend backend;
    private final CommunityId community;
    private final PublishSession directory;

    TorrentPublishSession(BitTorrentBackend backend, CommunityId community, PublishSession directory) {
        this.backend = backend;
        this.community = community;
        this.directory = directory;
    }

    @Override
    public Optional<byte[]> existingIndex() throws StorageException {
        return directory.existingIndex();
    }

    @Override
    public ArchiveLocation append(long length, BlobWriter writer) throws StorageException {
        return directory.append(length, writer);
    }

    @Override
    public String commit(byte[] index) throws StorageException {
        directory.commit(index);
        return backend.publishCommitted(community);
    }

    @Override
    public void close() throws StorageException {
        directory.close();
    }
}
