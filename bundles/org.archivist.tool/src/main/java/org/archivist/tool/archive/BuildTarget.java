package org.archivist.tool.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.storage.bittorrent.BitTorrentBackends;
import org.archivist.storage.bittorrent.BitTorrentBackends.EmbeddedBitTorrent;

/**
 * Where bench-build archives into, through a production publish session: core's archive directory alone, or
 * the BitTorrent backend (the same directory, plus the torrent built on commit and the embedded engine's
 * check of the pieces before it seeds them, as the scheduler's owner run does).
 */
abstract class BuildTarget implements AutoCloseable {
    static final String DIRECTORY = "directory";
    static final String BITTORRENT = "bittorrent";

    /** A new publish session for the community. */
    abstract PublishSession begin(CommunityId community) throws StorageException;

    /** The community's data/index directory. */
    abstract Path communityDir(CommunityId community);

    /** Forgets what a round published, so that the next one starts from nothing. */
    abstract void reset(CommunityId community) throws IOException;

    @Override
    public void close() {
    }

    static BuildTarget of(String backend, Path dataDir, Optional<ArchiveCipher> cipher) throws IOException {
        return switch (backend) {
            case DIRECTORY -> new Directory(dataDir, cipher);
            case BITTORRENT -> new BitTorrent(dataDir, cipher);
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        };
    }

    private static final class Directory extends BuildTarget {
        private final Path dataDir;
        private final Optional<ArchiveCipher> cipher;

        Directory(Path dataDir, Optional<ArchiveCipher> cipher) {
            this.dataDir = dataDir;
            this.cipher = cipher;
        }

        @Override
        PublishSession begin(CommunityId community) throws StorageException {
            return ArchiveDirectory.open(dataDir, community, cipher).beginPublish();
        }

        @Override
        Path communityDir(CommunityId community) {
            return dataDir.resolve(community.hex());
        }

        @Override
        void reset(CommunityId community) throws IOException {
            BenchBuildCommand.deleteTree(communityDir(community));
        }
    }

    private static final class BitTorrent extends BuildTarget {
        private final EmbeddedBitTorrent bt;
        private final Path dataDir;

        BitTorrent(Path dataDir, Optional<ArchiveCipher> cipher) throws IOException {
            BitTorrentBackends.Builder builder = BitTorrentBackends.embedded(dataDir);
            cipher.ifPresent(builder::cipher);
            this.bt = builder.start();
            this.dataDir = dataDir;
        }

        @Override
        PublishSession begin(CommunityId community) throws StorageException {
            return bt.backend().beginPublish(community);
        }

        @Override
        Path communityDir(CommunityId community) {
            return bt.communityDir(community);
        }

        @Override
        void reset(CommunityId community) throws IOException {
            try {
                bt.backend().unseed(community);
            } catch (StorageException e) {
                throw new IOException(e.getMessage(), e);
            }
            BenchBuildCommand.deleteTree(communityDir(community));
            java.nio.file.Files.deleteIfExists(bt.torrentFile(community));
        }

        @Override
        public void close() {
            bt.close();
        }
    }
}
