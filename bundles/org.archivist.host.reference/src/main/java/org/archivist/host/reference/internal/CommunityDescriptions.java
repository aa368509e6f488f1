package org.archivist.host.reference.internal;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.storage.LinkKind;
import org.archivist.proto.CommunityDescription;

import com.google.protobuf.InvalidProtocolBufferException;

import jakarta.inject.Inject;

/**
 * The archive clock in status-go's {@code CommunityDescription} ({@code archive_magnetlink_clock}, field 9), both
 * ways: the control node writes the magnet-link clock it last announced into the description it publishes; a
 * member raises its clock floor from a received (authenticated) description, as status-go does.
 */
public final class CommunityDescriptions {
    /** status-go's field holds the clock of magnet links. */
    public static final LinkKind MAGNET = new LinkKind("MAGNET");

    private final ArchiveService archives;

    @Inject
    public CommunityDescriptions(ArchiveService archives) {
        this.archives = archives;
    }

    /**
     * Control node: the description with {@code archive_magnetlink_clock} set to the clock last announced (left as
     * it is when nothing was announced yet); the other fields are kept.
     */
    public byte[] withArchiveClock(CommunityId community, byte[] description) throws ArchivistException {
        CommunityDescription d = parse(description);
        Long clock = archives.linkClocks(community).get(MAGNET);
        if (clock == null || clock == d.getArchiveMagnetlinkClock()) {
            return description;
        }
        return d.toBuilder().setArchiveMagnetlinkClock(clock).build().toByteArray();
    }

    /** Member: raises the magnet-link clock floor from a received description; returns the floor in force. */
    public long received(CommunityId community, byte[] description) throws ArchivistException {
        return archives.raiseLinkClock(community, MAGNET, parse(description).getArchiveMagnetlinkClock());
    }

    private static CommunityDescription parse(byte[] description) throws InvalidArchiveException {
        try {
            return CommunityDescription.parseFrom(description);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArchiveException("not a CommunityDescription: " + e.getMessage(), e);
        }
    }
}
