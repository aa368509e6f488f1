package org.archivist.api.host;

import java.util.Objects;

import org.archivist.api.CommunityId;

/**
 * An announcement as the host received it: the community whose chat it came on, the community id
 * recovered from the signature (status-go takes the signer as the community), the application message
 * type and the payload, and where it came from.
 */
public record ReceivedAnnouncement(CommunityId community, CommunityId signer, int applicationMessageType,
        byte[] payload, Origin origin) {

    /** How the link reached this node. */
    public enum Origin {
        /**
         * Broadcast on one of the community's announcement chats ({@code -magnetlinks} or the universal chat,
         * {@link AnnouncementChat}): every check applies.
         */
        ARCHIVE_CHANNEL,
        /** Carried by the answer to this node's join request: clock and last-seen checks are skipped. */
        JOIN_RESPONSE
    }

    public ReceivedAnnouncement {
        Objects.requireNonNull(community, "community");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(origin, "origin");
    }
}
