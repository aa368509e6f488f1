package org.archivist.api.host;

import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The chat transport for archive announcements, as status-go sends them: an
 * {@code ApplicationMetadataMessage} whose payload the core encodes, signed by the host with the
 * community's key (secp256k1 over keccak256 of the payload), published on the community chat Archivist
 * names ({@link AnnouncementChat}). Received messages, on either announcement chat, are verified by the host
 * and delivered with the recovered signer.
 */
@ConsumerType
public interface AnnouncementChannel {

    /**
     * Signs {@code payload} with the community's private key and publishes it to the members on the community's
     * {@link AnnouncementChat#MAGNETLINKS} chat.
     */
    void publish(CommunityId community, int applicationMessageType, byte[] payload) throws ChannelException;

    /**
     * Signs {@code payload} with the community's private key and publishes it on {@code chat} (status-go: the
     * magnet-link message on {@code -magnetlinks}, the archive-link message on the universal chat). Hosts written
     * for version 2.0 of this package inherit a default that publishes on {@code -magnetlinks} whatever the chat;
     * implement it to reach Status clients that read archive links on the universal chat.
     *
     * @since 2.1
     */
    default void publish(CommunityId community, AnnouncementChat chat, int applicationMessageType, byte[] payload)
            throws ChannelException {
        publish(community, applicationMessageType, payload);
    }

    /** Delivers every verified announcement received from now on to {@code listener}, until closed. */
    AutoCloseable subscribe(AnnouncementListener listener);
}
