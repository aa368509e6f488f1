package org.archivist.migration;

import java.util.Objects;
import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.api.storage.StoredArchiveReader;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.link.MagnetLinkFormat;

/** The two ways to read a source set: a registered backend, or a Status data directory on disk. */
public final class ArchiveSources {
    private ArchiveSources() {
    }

    /**
     * A backend that keeps its blobs locally ({@link StoredArchiveReader}); its committed index is read through
     * a publish session that is closed without a commit (which, by the SPI contract, changes nothing).
     */
    public static ArchiveSource of(String name, StorageBackend backend, StoredArchiveReader reader,
            CommunityId community) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(reader, "reader");
        return new ArchiveSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public LinkFormat format() {
                return backend.linkFormat();
            }

            @Override
            public Optional<byte[]> committedIndex() throws StorageException {
                try (PublishSession session = backend.beginPublish(community)) {
                    return session.existingIndex();
                }
            }

            @Override
            public byte[] read(ArchiveLocation location) throws StorageException {
                return reader.readStored(community, location);
            }
        };
    }

    /** A Status {@code <data-dir>/<community>/{data,index}} directory (BitTorrent layout), read only. */
    public static ArchiveSource of(ArchiveDirectory directory) {
        Objects.requireNonNull(directory, "directory");
        return new ArchiveSource() {
            @Override
            public String name() {
                return StorageBackend.BITTORRENT;
            }

            @Override
            public LinkFormat format() {
                return MagnetLinkFormat.INSTANCE;
            }

            @Override
            public Optional<byte[]> committedIndex() throws StorageException {
                return directory.committedIndex();
            }

            @Override
            public byte[] read(ArchiveLocation location) throws StorageException {
                if (!(location instanceof ArchiveLocation.PieceRange range)) {
                    throw new StorageException("a data directory stores piece ranges, not " + location, false);
                }
                return directory.readBlob(range);
            }
        };
    }
}
