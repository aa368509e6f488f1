package org.archivist.storage.bittorrent.internal;

import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.storage.BlobWriter;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;

/**
 * The core's directory session (data append with padding, atomic index rewrite, rollback) plus what
 * BitTorrent adds: each appended archive's pieces are hashed in the background while the next one is written
 * ({@link AppendedPieceHashes}); on commit the community's torrent is rebuilt from those and the previous
 * torrent's hashes (only the index is read again), written, seeding moves to it, and the magnet link is
 * returned.
 */
final class TorrentPublishSession implements PublishSession {
    private final BitTorrentBackend backend;
    private final CommunityId community;
    private final PublishSession directory;
    private final AppendedPieceHashes hashes;

    TorrentPublishSession(BitTorrentBackend backend, CommunityId community, PublishSession directory,
            AppendedPieceHashes hashes) {
        this.backend = backend;
        this.community = community;
        this.directory = directory;
        this.hashes = hashes;
    }

    @Override
    public Optional<byte[]> existingIndex() throws StorageException {
        return directory.existingIndex();
    }

    @Override
    public ArchiveLocation append(long length, BlobWriter writer) throws StorageException {
        ArchiveLocation location = directory.append(length, writer);
        hashes.appended(location);
        return location;
    }

    @Override
    public String commit(byte[] index) throws StorageException {
        directory.commit(index);
        Optional<AppendedPieceHashes.Pieces> appended;
        try {
            appended = hashes.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            appended = Optional.empty(); // the index is committed: the torrent is built by hashing the files
        }
        return backend.publishCommitted(community, appended);
    }

    @Override
    public void close() throws StorageException {
        try {
            hashes.close();
        } finally {
            directory.close();
        }
    }
}
