package org.archivist.scheduler.internal;

import org.archivist.api.InvalidArchiveException;
import org.archivist.api.storage.LinkKind;
import org.archivist.proto.CommunityMessageArchiveIndexCid;
import org.archivist.proto.CommunityMessageArchiveMagnetlink;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * The announcement payloads: {@code CommunityMessageArchiveMagnetlink} (type 43) and
 * {@code CommunityMessageArchiveIndexCid} (type 76), each a clock in milliseconds and a link.
 */
final class AnnouncementCodec {
    /** A decoded announcement. */
    record Link(LinkKind kind, long clock, String link) {
    }

    private AnnouncementCodec() {
    }

    static byte[] encode(LinkKind kind, long clock, String link) {
        return switch (kind) {
            case MAGNET -> CommunityMessageArchiveMagnetlink.newBuilder().setClock(clock).setMagnetUri(link).build()
                    .toByteArray();
            case INDEX_CID -> CommunityMessageArchiveIndexCid.newBuilder().setClock(clock).setCid(link).build()
                    .toByteArray();
        };
    }

    static Link decode(LinkKind kind, byte[] payload) throws InvalidArchiveException {
        try {
            Link l = switch (kind) {
                case MAGNET -> {
                    CommunityMessageArchiveMagnetlink m = CommunityMessageArchiveMagnetlink.parseFrom(payload);
                    yield new Link(kind, m.getClock(), m.getMagnetUri());
                }
                case INDEX_CID -> {
                    CommunityMessageArchiveIndexCid m = CommunityMessageArchiveIndexCid.parseFrom(payload);
                    yield new Link(kind, m.getClock(), m.getCid());
                }
            };
            if (l.link().isBlank()) {
                throw new InvalidArchiveException(kind + " announcement without a link");
            }
            return l;
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArchiveException("malformed " + kind + " announcement: " + e.getMessage(), e);
        }
    }
}
