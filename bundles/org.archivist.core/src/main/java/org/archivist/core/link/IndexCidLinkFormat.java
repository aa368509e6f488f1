package org.archivist.core.link;

import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.InvalidArchiveException;

/**
 * Status' Codex links: the CID of the index announced as later status-go does, in a
 * {@code CommunityMessageArchiveLink} (type {@link AnnouncementTypes#ARCHIVE_LINK_PROVISIONAL}, provisional, on the
 * universal chat), an index {@code CodexWakuMessageArchiveIndex} of {@link ContentAddress}es.
 */
public final class IndexCidLinkFormat extends StatusLinkFormat {
    public static final LinkKind KIND = new LinkKind("INDEX_CID");
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
        return AnnouncementTypes.ARCHIVE_LINK_PROVISIONAL;
    }

    @Override
    public byte[] encodeAnnouncement(Announcement a) {
        return ArchiveLinkMessage.encode(a);
    }

    @Override
    Announcement decode(byte[] payload) throws InvalidArchiveException {
        return ArchiveLinkMessage.decode(payload);
    }
}
