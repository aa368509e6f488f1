package org.archivist.host.reference;

import java.io.IOException;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.AnnouncementChat;
import org.archivist.api.host.ReceivedAnnouncement;
import org.archivist.host.reference.internal.AnnouncementFrame;
import org.archivist.host.reference.internal.SignedAnnouncementChannel;
import org.archivist.host.reference.internal.SignedApplicationMessage;

/**
 * The reference host's decoders of what arrives on its announcement channel, the ones its channel runs on
 * every received frame, for fuzzing ({@code archivist fuzz frame|signed}) and diagnostics; and the matching
 * encoders, to make valid inputs. Every rejection is an {@link InvalidArchiveException}.
 */
public final class ChannelDecoders {
    private ChannelDecoders() {
    }

    /** A signed envelope's verified content: the recovered signer, the application type and the payload. */
    public record Signed(CommunityId signer, int type, byte[] payload) {
    }

    /**
     * Decodes a received frame (chat id and signed {@code ApplicationMetadataMessage}) and verifies its
     * signature, as the channel does before delivering an announcement.
     */
    public static ReceivedAnnouncement decodeFrame(byte[] frame) throws InvalidArchiveException {
        try {
            return SignedAnnouncementChannel.decode(frame);
        } catch (IOException e) {
            throw new InvalidArchiveException("not an announcement frame: " + e.getMessage(), e);
        }
    }

    /** Parses a signed {@code ApplicationMetadataMessage} and recovers its signer (secp256k1 over keccak256). */
    public static Signed verifySigned(byte[] envelope) throws InvalidArchiveException {
        SignedApplicationMessage m = SignedApplicationMessage.verify(envelope);
        return new Signed(m.signer(), m.type(), m.payload());
    }

    /** A signed envelope of {@code payload}, by the 32-byte secp256k1 {@code privateKey}. */
    public static byte[] sign(int type, byte[] payload, byte[] privateKey) {
        return SignedApplicationMessage.sign(type, payload, privateKey);
    }

    /** The frame the channel sends for a signed envelope on a community's chat. */
    public static byte[] frame(CommunityId community, AnnouncementChat chat, byte[] envelope) {
        return new AnnouncementFrame(chat.chatId(community), envelope).encode();
    }
}
