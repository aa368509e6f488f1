package org.archivist.core.link;

import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkKind;
import org.archivist.proto.CommunityMessageArchiveIndexCid;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Status' Codex links: the CID of the index announced as {@code CommunityMessageArchiveIndexCid} (type 76),
 * an index {@code CodexWakuMessageArchiveIndex} of {@link ContentAddress}es.
 */
public final class IndexCidLinkFormat extends StatusLinkFormat {
    public static final LinkKind KIND = new LinkKind("INDEX_CID");
    public static final int ANNOUNCEMENT_TYPE = 76;
    public static final IndexCidLinkFormat INSTANCE = new IndexCidLinkFormat();

    private IndexCidLinkFormat() {
        super(org.archivist.core.format.IndexCodec.Shape.CONTENT_ADDRESSES, ContentAddress.class);
    }

    @Override
    public LinkKind kind() {
        return KIND;
    }

    @Override
    public int announcementType() {
        return ANNOUNCEMENT_TYPE;
    }

    @Override
    public byte[] encodeAnnouncement(Announcement a) {
        return CommunityMessageArchiveIndexCid.newBuilder().setClock(a.clock()).setCid(a.link()).build().toByteArray();
    }

    @Override
    Announcement parse(byte[] payload) throws InvalidProtocolBufferException {
        CommunityMessageArchiveIndexCid m = CommunityMessageArchiveIndexCid.parseFrom(payload);
        return new Announcement(m.getClock(), m.getCid());
    }
}
