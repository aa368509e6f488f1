package org.archivist.scheduler.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.ReceivedAnnouncement;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkFormat;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.host.reference.internal.CommunityRegistry;
import org.archivist.host.reference.internal.InProcessAnnouncementBus;
import org.archivist.host.reference.internal.SignedAnnouncementChannel;

/** Listens on the bus like any node and records every verified announcement, decoded. */
final class AnnouncementRecorder implements AutoCloseable {
    record Heard(ReceivedAnnouncement raw, MemberFlow.Link link) {
    }

    private static final List<LinkFormat> FORMATS = List.of(MagnetLinkFormat.INSTANCE, IndexCidLinkFormat.INSTANCE,
            SlotLinkFormat.INSTANCE);

    final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final SignedAnnouncementChannel channel;

    AnnouncementRecorder(InProcessAnnouncementBus bus) throws IOException {
        channel = new SignedAnnouncementChannel(new CommunityRegistry(), bus.attach()).start();
        channel.subscribe(a -> {
            try {
                LinkFormat f = FORMATS.stream().filter(x -> x.announcementType() == a.applicationMessageType())
                        .findFirst().orElseThrow();
                Announcement d = f.decodeAnnouncement(a.payload());
                heard.add(new Heard(a, new MemberFlow.Link(f.kind(), d.clock(), d.link())));
            } catch (InvalidArchiveException e) {
                throw new AssertionError(e);
            }
        });
    }

    List<MemberFlow.Link> links() {
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
