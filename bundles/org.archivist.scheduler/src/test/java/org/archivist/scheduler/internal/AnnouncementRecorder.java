package org.archivist.scheduler.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.ReceivedAnnouncement;
import org.archivist.api.storage.LinkKind;
import org.archivist.host.reference.internal.CommunityRegistry;
import org.archivist.host.reference.internal.InProcessAnnouncementBus;
import org.archivist.host.reference.internal.SignedAnnouncementChannel;

/** Listens on the bus like any node and records every verified announcement, decoded. */
final class AnnouncementRecorder implements AutoCloseable {
    record Heard(ReceivedAnnouncement raw, AnnouncementCodec.Link link) {
    }

    final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final SignedAnnouncementChannel channel;

    AnnouncementRecorder(InProcessAnnouncementBus bus) throws IOException {
        channel = new SignedAnnouncementChannel(new CommunityRegistry(), bus.attach()).start();
        channel.subscribe(a -> {
            try {
                LinkKind kind = LinkKind.ofApplicationMessageType(a.applicationMessageType()).orElseThrow();
                heard.add(new Heard(a, AnnouncementCodec.decode(kind, a.payload())));
            } catch (InvalidArchiveException e) {
                throw new AssertionError(e);
            }
        });
    }

    List<AnnouncementCodec.Link> links() {
        return heard.stream().map(Heard::link).toList();
    }

    void clear() {
        heard.clear();
    }

    @Override
    public void close() {
        channel.close();
    }
}
