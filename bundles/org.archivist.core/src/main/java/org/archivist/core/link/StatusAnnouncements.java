package org.archivist.core.link;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.AnnouncementChat;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.LinkKind;

/**
 * The announcement codec: what an announced link becomes on the wire (chat, type number, payload), and what a
 * received message is. As status-go: a magnet link goes out as {@code CommunityMessageArchiveMagnetlink} on
 * {@code -magnetlinks}, an index CID as {@code CommunityMessageArchiveLink} on the universal chat. Received,
 * either message is accepted, and an archive-link message may carry either kind of link (a {@code magnet:} URI
 * is a BitTorrent link, anything else an index CID). Links of other backends travel as their own
 * {@link LinkFormat} says. Type numbers come from the configured {@link AnnouncementTypes}. Thread-safe.
 */
public final class StatusAnnouncements {
    /** What to publish: the chat, the {@code ApplicationMetadataMessage} type and the payload. */
    public record Outgoing(AnnouncementChat chat, int type, byte[] payload) {
        public Outgoing {
            Objects.requireNonNull(chat, "chat");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** A received announcement: the kind of its link and the announcement. */
    public record Decoded(LinkKind kind, Announcement announcement) {
    }

    /** With the default type numbers. */
    public static final StatusAnnouncements DEFAULT = new StatusAnnouncements(AnnouncementTypes.DEFAULT);

    private final AnnouncementTypes types;

    public StatusAnnouncements(AnnouncementTypes types) {
        this.types = Objects.requireNonNull(types, "types");
    }

    public AnnouncementTypes types() {
        return types;
    }

    /** How {@code announcement} of a link of {@code format} is published. */
    public Outgoing encode(LinkFormat format, Announcement announcement) {
        if (format.kind().equals(MagnetLinkFormat.KIND)) {
            return new Outgoing(AnnouncementChat.MAGNETLINKS, types.magnetlink(),
                    MagnetLinkFormat.INSTANCE.encodeAnnouncement(announcement));
        }
        if (format.kind().equals(IndexCidLinkFormat.KIND)) {
            return new Outgoing(AnnouncementChat.UNIVERSAL, types.archiveLink(),
                    ArchiveLinkMessage.encode(announcement));
        }
        return new Outgoing(AnnouncementChat.MAGNETLINKS, format.announcementType(),
                format.encodeAnnouncement(announcement));
    }

    /**
     * Decodes a received message of {@code type}: the two Status messages, or that of the format among
     * {@code formats} (other backends' formats) announcing with this type. Empty when no format uses the type.
     *
     * @throws InvalidArchiveException when the payload is malformed or carries no link
     */
    public Optional<Decoded> decode(int type, byte[] payload, Collection<LinkFormat> formats)
            throws InvalidArchiveException {
        if (type == types.magnetlink()) {
            return Optional.of(new Decoded(MagnetLinkFormat.KIND, MagnetLinkFormat.INSTANCE.decodeAnnouncement(payload)));
        }
        if (type == types.archiveLink()) {
            Announcement a = ArchiveLinkMessage.decode(payload);
            return Optional.of(new Decoded(isMagnet(a.link()) ? MagnetLinkFormat.KIND : IndexCidLinkFormat.KIND, a));
        }
        for (LinkFormat f : formats) {
            if (!isStatusKind(f.kind()) && f.announcementType() == type) {
                return Optional.of(new Decoded(f.kind(), f.decodeAnnouncement(payload)));
            }
        }
        return Optional.empty();
    }

    /** The type number a format's announcements travel as here. */
    public int typeOf(LinkFormat format) {
        if (format.kind().equals(MagnetLinkFormat.KIND)) {
            return types.magnetlink();
        }
        if (format.kind().equals(IndexCidLinkFormat.KIND)) {
            return types.archiveLink();
        }
        return format.announcementType();
    }

    static boolean isStatusKind(LinkKind kind) {
        return kind.equals(MagnetLinkFormat.KIND) || kind.equals(IndexCidLinkFormat.KIND);
    }

    static boolean isMagnet(String link) {
        return link.regionMatches(true, 0, "magnet:", 0, 7);
    }

    @Override
    public String toString() {
        return "Status announcements (magnet link type " + types.magnetlink() + ", archive link type "
                + types.archiveLink() + ")";
    }
}
