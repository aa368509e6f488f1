package org.archivist.storage.bittorrent.internal.engine.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import bt.metainfo.TorrentId;
import bt.net.ConnectionKey;
import bt.net.InetPeer;
import bt.net.Peer;

/**
 * The guard's judgement, on the evidence bt gives it: what each connection sent (hashed on the wire) and what
 * is on disk when a piece is checked. A piece of three blocks; G is a good peer we dialled, X a liar that
 * dialled us.
 */
class PeerGuardTest {
    private static final int B = 4;
    private static final TorrentId TORRENT = TorrentId.fromBytes(new byte[20]);
    private static final byte[][] GOOD = {block(1), block(2), block(3)};
    private static final byte[] JUNK = block(9);

    private final PeerGuard guard = new PeerGuard();
    private final Peer good = InetPeer.build(InetAddress.getLoopbackAddress(), 6881);
    private final Peer liar = InetPeer.build(InetAddress.getLoopbackAddress());

    PeerGuardTest() {
        guard.connected(new ConnectionKey(good, 6881, TORRENT));
        guard.connected(new ConnectionKey(liar, 50123, TORRENT));
    }

    @Test
    void aPieceMadeOnlyOfOnePeersBlocksThatFailsBansThatPeer() {
        send(liar, 0, JUNK);
        send(liar, 1, GOOD[1]);
        send(liar, 2, GOOD[2]);
        guard.failed(TORRENT, 7, disk(JUNK, GOOD[1], GOOD[2]));
        assertEquals(Set.of("127.0.0.1:50123", "incoming:127.0.0.1"), guard.banned());
    }

    @Test
    void aPeerWhoseMessageWroteAnotherConnectionsBytesIsNotBlamed() {
        // bt's block registry is shared: the liar's block 0 is what the good peer's message wrote
        send(liar, 0, JUNK);
        send(good, 0, GOOD[0]);
        send(good, 1, GOOD[1]);
        send(good, 2, GOOD[2]);
        guard.failed(TORRENT, 7, disk(JUNK, GOOD[1], GOOD[2]));
        assertEquals(Set.of(), guard.banned(), "two peers' bytes on disk: nobody is proven yet");
        guard.verified(TORRENT, 7, disk(GOOD[0], GOOD[1], GOOD[2]));
        assertEquals(Set.of("127.0.0.1:50123", "incoming:127.0.0.1"), guard.banned());
    }

    @Test
    void aMixedPieceThatFailsBansNobodyUntilItPasses() {
        send(good, 0, GOOD[0]);
        send(liar, 1, JUNK);
        send(good, 2, GOOD[2]);
        guard.failed(TORRENT, 7, disk(GOOD[0], JUNK, GOOD[2]));
        assertEquals(Set.of(), guard.banned());
        send(good, 1, GOOD[1]); // asked again
        guard.verified(TORRENT, 7, disk(GOOD[0], GOOD[1], GOOD[2]));
        assertEquals(Set.of("127.0.0.1:50123", "incoming:127.0.0.1"), guard.banned());
    }

    @Test
    void aGoodPeerIsNeverBannedWhateverReachedTheDisk() {
        for (byte[] onDisk0 : List.of(JUNK, GOOD[0])) {
            send(good, 0, GOOD[0]);
            send(good, 1, GOOD[1]);
            send(good, 2, GOOD[2]);
            guard.failed(TORRENT, 7, disk(onDisk0, JUNK, GOOD[2]));
        }
        guard.verified(TORRENT, 7, disk(GOOD[0], GOOD[1], GOOD[2]));
        assertEquals(Set.of(), guard.banned());
    }

    @Test
    void blocksOfAVerifiedPieceAreNotKept() {
        guard.verified(TORRENT, 7, disk(GOOD[0], GOOD[1], GOOD[2]));
        send(liar, 0, JUNK);
        guard.verified(TORRENT, 7, disk(GOOD[0], GOOD[1], GOOD[2]));
        assertEquals(Set.of(), guard.banned());
    }

    @Test
    void aPeerObjectSharedByConnectionsOfTwoTorrentsIsNotJudgedByItsBlocks() {
        // its blocks could be filed under the wrong torrent and compared with another torrent's piece
        guard.connected(new ConnectionKey(good, 6881, TorrentId.fromBytes(new byte[] {
            1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})));
        send(good, 0, JUNK);
        guard.verified(TORRENT, 7, disk(GOOD[0], GOOD[1], GOOD[2]));
        assertEquals(Set.of(), guard.banned());
    }

    @Test
    void aTorrentsBlocksAreForgottenWhenItsDownloadEnds() {
        send(liar, 0, JUNK);
        guard.forget(TORRENT);
        guard.verified(TORRENT, 7, disk(GOOD[0], GOOD[1], GOOD[2]));
        assertEquals(Set.of(), guard.banned());
    }

    private void send(Peer peer, int block, byte[] bytes) {
        guard.received(peer, 7, block * B, B, PeerGuard.sha1(bytes));
    }

    private static byte[] block(int fill) {
        byte[] b = new byte[B];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    private static PeerGuard.Blocks disk(byte[]... blocks) {
        return new PeerGuard.Blocks() {
            @Override
            public List<int[]> blocks() {
                List<int[]> layout = new ArrayList<>();
                for (int i = 0; i < blocks.length; i++) {
                    layout.add(new int[] {i * B, B});
                }
                return layout;
            }

            @Override
            public byte[] sha1(int offset, int length) {
                return PeerGuard.sha1(blocks[offset / B]);
            }
        };
    }
}
