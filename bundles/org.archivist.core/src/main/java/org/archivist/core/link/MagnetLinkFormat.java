package org.archivist.core.link;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkKind;
import org.archivist.proto.CommunityMessageArchiveMagnetlink;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Status' BitTorrent links: a magnet URI announced as {@code CommunityMessageArchiveMagnetlink}
 * ({@link AnnouncementTypes#MAGNETLINK}, on {@code -magnetlinks}),
 * an index {@code WakuMessageArchiveIndex} of {@link PieceRange}s.
 */
public final class MagnetLinkFormat extends StatusLinkFormat {
    public static final LinkKind KIND = new LinkKind("MAGNET");
    public static final MagnetLinkFormat INSTANCE = new MagnetLinkFormat();

    private MagnetLinkFormat() {
        super(org.archivist.core.format.IndexCodec.Shape.PIECE_RANGES, PieceRange.class);
    }

    @Override
    public LinkKind kind() {
        return KIND;
    }

    @Override
    public int announcementType() {
        return AnnouncementTypes.MAGNETLINK;
    }

    @Override
    public byte[] encodeAnnouncement(Announcement a) {
        return CommunityMessageArchiveMagnetlink.newBuilder().setClock(a.clock()).setMagnetUri(a.link()).build()
                .toByteArray();
    }

    @Override
    Announcement decode(byte[] payload) throws InvalidArchiveException {
        CommunityMessageArchiveMagnetlink m;
        try {
            m = CommunityMessageArchiveMagnetlink.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArchiveException("malformed magnet-link announcement: " + e.getMessage(), e);
        }
        return new Announcement(m.getClock(), m.getMagnetUri());
    }
}
