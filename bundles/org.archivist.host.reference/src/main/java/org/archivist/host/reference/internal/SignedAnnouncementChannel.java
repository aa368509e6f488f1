package org.archivist.host.reference.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.AnnouncementChannel;
import org.archivist.api.host.AnnouncementChat;
import org.archivist.api.host.AnnouncementListener;
import org.archivist.api.host.ChannelException;
import org.archivist.api.host.ReceivedAnnouncement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.inject.Inject;

/**
 * The reference host's announcement channel. Publishing signs the payload with the community's key into
 * an {@code ApplicationMetadataMessage} and sends it on the community chat asked for ({@code -magnetlinks} or
 * the universal chat {@code -memberUpdate}) through a transport; receiving, on either chat, verifies the
 * signature, recovers the signer and delivers the announcement to the subscribers. Frames that do not verify,
 * or come on another chat, are dropped and counted.
 */
public class SignedAnnouncementChannel implements AnnouncementChannel, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignedAnnouncementChannel.class);

    private final CommunityRegistry keys;
    private final AnnouncementTransport transport;
    private final List<AnnouncementListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong rejected = new AtomicLong();

    @Inject
    public SignedAnnouncementChannel(CommunityRegistry keys, AnnouncementTransport transport) {
        this.keys = keys;
        this.transport = transport;
    }

    /** Starts receiving from the transport. */
    public SignedAnnouncementChannel start() throws IOException {
        transport.start(this::received);
        return this;
    }

    @Override
    public void publish(CommunityId community, int applicationMessageType, byte[] payload) throws ChannelException {
        publish(community, AnnouncementChat.MAGNETLINKS, applicationMessageType, payload);
    }

    @Override
    public void publish(CommunityId community, AnnouncementChat chat, int applicationMessageType, byte[] payload)
            throws ChannelException {
        byte[] key = keys.privateKey(community).orElseThrow(() -> new ChannelException(
                "cannot sign for community " + community + ": its private key is not configured on this node"));
        byte[] message = SignedApplicationMessage.sign(applicationMessageType, payload, key);
        try {
            transport.send(new AnnouncementFrame(chat.chatId(community), message).encode());
        } catch (IOException e) {
            throw new ChannelException("announcement of type " + applicationMessageType + " for " + community
                    + " not sent: " + e.getMessage(), e);
        }
    }

    @Override
    public AutoCloseable subscribe(AnnouncementListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Frames dropped because they were malformed or their signature did not verify. */
    public long rejected() {
        return rejected.get();
    }

    /**
     * What a received frame says: its chat's community, and the verified signer, type and payload of its signed
     * message.
     *
     * @throws IOException when the bytes are no frame
     * @throws InvalidArchiveException when the chat is no community's announcement chat, or the message is no
     *         signed envelope or its signature does not verify
     */
    public static ReceivedAnnouncement decode(byte[] frameBytes) throws IOException, InvalidArchiveException {
        AnnouncementFrame frame = AnnouncementFrame.decode(frameBytes);
        Optional<CommunityId> community = AnnouncementChat.communityOf(frame.chatId());
        if (community.isEmpty()) {
            throw new InvalidArchiveException("announcement on chat '" + frame.chatId()
                    + "', which is no community's announcement chat");
        }
        SignedApplicationMessage m = SignedApplicationMessage.verify(frame.message());
        return new ReceivedAnnouncement(community.get(), m.signer(), m.type(), m.payload(),
                ReceivedAnnouncement.Origin.ARCHIVE_CHANNEL);
    }

    void received(byte[] frameBytes) {
        try {
            deliver(decode(frameBytes));
        } catch (IOException | InvalidArchiveException e) {
            rejected.incrementAndGet();
            LOG.warn("announcement dropped: {}", e.getMessage());
        }
    }

    private void deliver(ReceivedAnnouncement announcement) {
        for (AnnouncementListener l : listeners) {
            try {
                l.received(announcement);
            } catch (RuntimeException e) {
                LOG.warn("announcement listener {} failed on {}: {}", l, announcement.community(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        transport.close();
        listeners.clear();
    }
}
