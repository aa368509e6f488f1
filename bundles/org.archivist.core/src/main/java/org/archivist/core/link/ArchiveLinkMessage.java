package org.archivist.core.link;

import org.archivist.api.InvalidArchiveException;
import org.archivist.api.storage.Announcement;
import org.archivist.proto.CommunityMessageArchiveLink;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * {@code CommunityMessageArchiveLink{1 clock, 2 archive_link}}, later status-go's announcement of either kind
 * of link (field numbers provisional, see {@code communities.proto}).
 */
final class ArchiveLinkMessage {
    private ArchiveLinkMessage() {
    }

    static byte[] encode(Announcement a) {
        return CommunityMessageArchiveLink.newBuilder().setClock(a.clock()).setArchiveLink(a.link()).build()
                .toByteArray();
    }

    static Announcement decode(byte[] payload) throws InvalidArchiveException {
        CommunityMessageArchiveLink m;
        try {
            m = CommunityMessageArchiveLink.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArchiveException("malformed archive-link announcement: " + e.getMessage(), e);
        }
        if (m.getArchiveLink().isBlank()) {
            throw new InvalidArchiveException("archive-link announcement without a link");
        }
        return new Announcement(m.getClock(), m.getArchiveLink());
    }
}
