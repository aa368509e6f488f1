package org.archivist.api.host;

import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The chat transport for archive announcements, as status-go sends them: an
 * {@code ApplicationMetadataMessage} whose payload the core encodes, signed by the host with the
 * community's key (secp256k1 over keccak256 of the payload), published on the community's
 * {@code <id>-magnetlinks} chat. Received messages are verified by the host and delivered with the
 * recovered signer.
 */
@ConsumerType
public interface AnnouncementChannel {

    /** Signs {@code payload} with the community's private key and publishes it to the members. */
    void publish(CommunityId community, int applicationMessageType, byte[] payload) throws ChannelException;

    /** Delivers every verified announcement received from now on to {@code listener}, until closed. */
    AutoCloseable subscribe(AnnouncementListener listener);
}
