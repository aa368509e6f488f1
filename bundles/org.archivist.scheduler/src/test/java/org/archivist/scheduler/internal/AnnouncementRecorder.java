package org.archivist.scheduler.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.AnnouncementChat;
import org.archivist.api.host.ReceivedAnnouncement;
import org.archivist.core.link.StatusAnnouncements;
import org.archivist.host.reference.InProcessNetwork;
import org.archivist.host.reference.InProcessNetwork.HeardAnnouncement;

/**
 * Listens on the bus like any node and records every announcement frame: the chat it came on, the verified
 * message, the decoded link.
 */
final class AnnouncementRecorder implements AutoCloseable {
    record Heard(ReceivedAnnouncement raw, MemberFlow.Link link, String chatId) {
    }

    final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final AutoCloseable listening;

    AnnouncementRecorder(InProcessNetwork network) throws IOException {
        listening = network.listen(this::frame);
    }

    private void frame(HeardAnnouncement m) {
        try {
            CommunityId community = AnnouncementChat.communityOf(m.chatId()).orElseThrow();
            StatusAnnouncements.Decoded d = StatusAnnouncements.DEFAULT.decode(m.type(), m.payload(),
                    List.of(SlotLinkFormat.INSTANCE)).orElseThrow();
            heard.add(new Heard(new ReceivedAnnouncement(community, m.signer(), m.type(), m.payload(),
                    ReceivedAnnouncement.Origin.ARCHIVE_CHANNEL), new MemberFlow.Link(d.kind(),
                    d.announcement().clock(), d.announcement().link()), m.chatId()));
        } catch (InvalidArchiveException e) {
            throw new AssertionError(e);
        }
    }

    List<MemberFlow.Link> links() {
        return heard.stream().map(Heard::link).toList();
    }

    void clear() {
        heard.clear();
    }

    @Override
    public void close() throws Exception {
        listening.close();
    }
}
