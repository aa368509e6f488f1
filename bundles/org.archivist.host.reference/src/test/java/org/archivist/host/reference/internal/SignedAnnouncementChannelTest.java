package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.archivist.api.CommunityId;
import org.archivist.api.host.AnnouncementChat;
import org.archivist.api.host.ChannelException;
import org.archivist.api.host.ReceivedAnnouncement;
import org.junit.jupiter.api.Test;

class SignedAnnouncementChannelTest {
    final byte[] key = TestCommunities.newKey();
    final CommunityId id = TestCommunities.idOf(key);

    @Test
    void inProcessDeliveryVerifiesAndRecoversTheSigner() throws Exception {
        InProcessAnnouncementBus bus = new InProcessAnnouncementBus();
        CommunityRegistry ownerDir = new CommunityRegistry();
        ownerDir.put(TestCommunities.owned(key, false));
        CommunityRegistry memberDir = new CommunityRegistry();
        memberDir.put(TestCommunities.joined(id, false));
        try (SignedAnnouncementChannel owner = new SignedAnnouncementChannel(ownerDir, bus.attach()).start();
                SignedAnnouncementChannel member = new SignedAnnouncementChannel(memberDir, bus.attach()).start()) {
            BlockingQueue<ReceivedAnnouncement> got = new LinkedBlockingQueue<>();
            BlockingQueue<ReceivedAnnouncement> ownerGot = new LinkedBlockingQueue<>();
            member.subscribe(got::add);
            owner.subscribe(ownerGot::add);
            owner.publish(id, 43, new byte[] {1, 2, 3});
            ReceivedAnnouncement a = got.poll();
            assertEquals(id, a.community());
            assertEquals(id, a.signer());
            assertEquals(43, a.applicationMessageType());
            assertArrayEquals(new byte[] {1, 2, 3}, a.payload());
            assertEquals(ReceivedAnnouncement.Origin.ARCHIVE_CHANNEL, a.origin());
            assertEquals(0, ownerGot.size(), "a node does not hear itself");
            assertThrows(ChannelException.class, () -> member.publish(id, 43, new byte[] {1}),
                    "a member has no key to sign with");
        }
    }

    @Test
    void frameSignedBySomeoneElseCarriesThatSigner() throws Exception {
        InProcessAnnouncementBus bus = new InProcessAnnouncementBus();
        CommunityRegistry memberDir = new CommunityRegistry();
        try (SignedAnnouncementChannel member = new SignedAnnouncementChannel(memberDir, bus.attach()).start()) {
            BlockingQueue<ReceivedAnnouncement> got = new LinkedBlockingQueue<>();
            member.subscribe(got::add);
            byte[] intruder = TestCommunities.newKey();
            AnnouncementTransport raw = bus.attach();
            raw.start(f -> { });
            raw.send(AnnouncementFrame.forCommunity(id, SignedApplicationMessage.sign(43, new byte[] {7}, intruder))
                    .encode());
            ReceivedAnnouncement a = got.poll();
            assertEquals(id, a.community());
            assertEquals(TestCommunities.idOf(intruder), a.signer());
            raw.send(new byte[] {0, 3, 'a', 'b', 'c', 0, 0, 0, 0});
            raw.send(AnnouncementFrame.forCommunity(id, new byte[] {0x12, 0x01, 0x07}).encode());
            assertEquals(0, got.size());
            assertEquals(2, member.rejected());
        }
    }

    @Test
    void loopbackSocketsCarryAnnouncementsBetweenHosts() throws Exception {
        CommunityRegistry ownerDir = new CommunityRegistry();
        ownerDir.put(TestCommunities.owned(key, false));
        CommunityRegistry memberDir = new CommunityRegistry();
        memberDir.put(TestCommunities.joined(id, false));
        LoopbackSocketTransport memberTransport = new LoopbackSocketTransport(0, List.of());
        try (SignedAnnouncementChannel member = new SignedAnnouncementChannel(memberDir, memberTransport).start()) {
            BlockingQueue<ReceivedAnnouncement> got = new LinkedBlockingQueue<>();
            member.subscribe(got::add);
            try (SignedAnnouncementChannel owner = new SignedAnnouncementChannel(ownerDir,
                    new LoopbackSocketTransport(-1, List.of("127.0.0.1:" + memberTransport.localPort()))).start()) {
                owner.publish(id, AnnouncementChat.UNIVERSAL, 4301, "bafy".getBytes());
                ReceivedAnnouncement a = got.poll(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
                assertEquals(id, a.signer());
                assertEquals(4301, a.applicationMessageType());
                assertArrayEquals("bafy".getBytes(), a.payload());
            }
        }
    }

    @Test
    void publishesOnTheChatAskedForAndReceivesOnBothAnnouncementChats() throws Exception {
        InProcessAnnouncementBus bus = new InProcessAnnouncementBus();
        CommunityRegistry ownerDir = new CommunityRegistry();
        ownerDir.put(TestCommunities.owned(key, false));
        try (SignedAnnouncementChannel owner = new SignedAnnouncementChannel(ownerDir, bus.attach()).start();
                SignedAnnouncementChannel member = new SignedAnnouncementChannel(new CommunityRegistry(),
                        bus.attach()).start()) {
            BlockingQueue<String> chats = new LinkedBlockingQueue<>();
            AnnouncementTransport wire = bus.attach();
            wire.start(f -> {
                try {
                    chats.add(AnnouncementFrame.decode(f).chatId());
                } catch (java.io.IOException e) {
                    chats.add("undecodable");
                }
            });
            BlockingQueue<ReceivedAnnouncement> got = new LinkedBlockingQueue<>();
            member.subscribe(got::add);
            owner.publish(id, AnnouncementChat.UNIVERSAL, 4301, new byte[] {1});
            owner.publish(id, AnnouncementChat.MAGNETLINKS, 43, new byte[] {2});
            owner.publish(id, 43, new byte[] {3});
            assertEquals(List.of(id.hex() + "-memberUpdate", id.hex() + "-magnetlinks", id.hex() + "-magnetlinks"),
                    List.of(chats.poll(), chats.poll(), chats.poll()));
            assertEquals(List.of(4301, 43, 43), List.of(got.poll().applicationMessageType(),
                    got.poll().applicationMessageType(), got.poll().applicationMessageType()));

            wire.send(new AnnouncementFrame(id.hex() + "-general", SignedApplicationMessage.sign(43, new byte[] {4}, key))
                    .encode());
            assertEquals(0, got.size(), "a chat that is no announcement chat is not listened to");
            assertEquals(1, member.rejected());
        }
    }

    @Test
    void publishFailsWhenNoPeerIsReachable() throws Exception {
        CommunityRegistry ownerDir = new CommunityRegistry();
        ownerDir.put(TestCommunities.owned(key, false));
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (SignedAnnouncementChannel owner = new SignedAnnouncementChannel(ownerDir,
                new LoopbackSocketTransport(-1, List.of(Integer.toString(closedPort)))).start()) {
            assertThrows(ChannelException.class, () -> owner.publish(id, 43, new byte[] {1}));
        }
    }
}
