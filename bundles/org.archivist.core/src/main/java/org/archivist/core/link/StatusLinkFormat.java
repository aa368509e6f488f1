package org.archivist.core.link;

import java.util.Collection;
import java.util.List;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkFormat;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.IndexCodec;

/** What the two Status link formats share: the index codec of one shape, the id of its metadata. */
abstract sealed class StatusLinkFormat implements LinkFormat permits MagnetLinkFormat, IndexCidLinkFormat {
    private final IndexCodec.Shape shape;
    private final Class<? extends ArchiveLocation> locationType;

    StatusLinkFormat(IndexCodec.Shape shape, Class<? extends ArchiveLocation> locationType) {
        this.shape = shape;
        this.locationType = locationType;
    }

    @Override
    public final String archiveId(ArchiveMetadata metadata, ArchiveLocation location) {
        if (!locationType.isInstance(location)) {
            throw new IllegalArgumentException(kind() + " archives are stored at a " + locationType.getSimpleName()
                    + ", not at " + location);
        }
        return ArchiveIds.of(metadata, location);
    }

    @Override
    public final byte[] encodeIndex(Collection<IndexEntry> entries) {
        return IndexCodec.encode(shape, entries);
    }

    @Override
    public final List<IndexEntry> decodeIndex(byte[] plainIndex, int maxEntries) throws InvalidArchiveException {
        DecodeLimits d = DecodeLimits.DEFAULT;
        return IndexCodec.decode(plainIndex, shape,
                new DecodeLimits(d.maxArchiveBytes(), Integer.MAX_VALUE, maxEntries, d.maxMessageWeight()));
    }

    @Override
    public final Announcement decodeAnnouncement(byte[] payload) throws InvalidArchiveException {
        Announcement a = decode(payload);
        if (a.link().isBlank()) {
            throw new InvalidArchiveException(kind() + " announcement without a link");
        }
        return a;
    }

    abstract Announcement decode(byte[] payload) throws InvalidArchiveException;

    @Override
    public final String toString() {
        return kind() + " (Status, type " + announcementType() + ")";
    }
}
