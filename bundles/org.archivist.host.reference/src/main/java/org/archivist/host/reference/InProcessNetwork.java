package org.archivist.host.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.host.reference.internal.AnnouncementFrame;
import org.archivist.host.reference.internal.AnnouncementTransport;
import org.archivist.host.reference.internal.InProcessAnnouncementBus;
import org.archivist.host.reference.internal.SignedApplicationMessage;

/**
 * Reference nodes inside one JVM whose announcement channels share one in-process network: a frame sent by
 * one node is delivered, on the sender's thread, to every other node (deterministic, for tests on virtual
 * time). Tests can also listen to every frame and send frames signed by any key, as an intruder would.
 */
public final class InProcessNetwork {
    private final InProcessAnnouncementBus bus = new InProcessAnnouncementBus();

    /** A reference node on this network (files under {@code dataDir}). */
    public ReferenceNode node(Path dataDir, String installationId) throws IOException {
        return ReferenceNode.on(dataDir, installationId, bus.attach());
    }

    /**
     * Hands every frame sent on the network to {@code listener}, its signature verified; close the result to
     * stop. A frame that does not decode or verify is an {@link IOException} thrown to the sender.
     */
    public AutoCloseable listen(Consumer<HeardAnnouncement> listener) throws IOException {
        AnnouncementTransport transport = bus.attach();
        transport.start(bytes -> {
            try {
                AnnouncementFrame f = AnnouncementFrame.decode(bytes);
                SignedApplicationMessage m = SignedApplicationMessage.verify(f.message());
                listener.accept(new HeardAnnouncement(f.chatId(), m.signer(), m.type(), m.payload()));
            } catch (IOException | InvalidArchiveException e) {
                throw new IllegalStateException("an undecodable frame on the network: " + e.getMessage(), e);
            }
        });
        return transport::close;
    }

    /** Sends {@code payload} as an application message of {@code type} on {@code chatId}, signed with {@code key}. */
    public void sendSigned(String chatId, int type, byte[] payload, byte[] privateKey) throws IOException {
        try (AnnouncementTransport transport = bus.attach()) {
            transport.send(new AnnouncementFrame(chatId, SignedApplicationMessage.sign(type, payload, privateKey))
                    .encode());
        }
    }

    /** The archive-link chat of a community ({@code <community>-magnetlinks}). */
    public static String archiveChat(CommunityId community) {
        return AnnouncementFrame.forCommunity(community, new byte[0]).chatId();
    }

    /** One frame seen on the network: the chat it was sent on and its verified signer, type and payload. */
    public record HeardAnnouncement(String chatId, CommunityId signer, int type, byte[] payload) {
    }
}
