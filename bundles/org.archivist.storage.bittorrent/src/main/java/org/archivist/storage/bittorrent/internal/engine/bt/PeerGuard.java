package org.archivist.storage.bittorrent.internal.engine.bt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bt.data.ChunkDescriptor;
import bt.metainfo.TorrentId;
import bt.net.ConnectionKey;
import bt.net.IPeerConnectionPool;
import bt.net.Peer;
import bt.net.PeerConnection;
import bt.protocol.Message;
import bt.protocol.Piece;
import bt.torrent.annotation.Consumes;
import bt.torrent.annotation.Produces;
import bt.torrent.messaging.MessageContext;

/**
 * Drops peers that send corrupt data. bt already refuses a piece whose SHA-1 does not match and asks for it
 * again, but it keeps talking to the peer that sent it, which can stall a download forever. This messaging
 * agent remembers which peer delivered each block of the pieces being assembled. When a piece fails its
 * hash check ({@link GuardingChunkVerifier}) and one peer delivered all of it, that peer is banned, unless
 * some peer is banned already (its in-flight blocks may have reached the disk unseen). Otherwise the
 * failed blocks' hashes are kept; once the piece passes (from other peers), every peer
 * whose block differs from the good one is banned ("smart ban", as libtorrent does), and the others are
 * cleared. A banned peer's connections are closed, and any new connection from it is closed at its first
 * message. A peer we dialled is known by address and listen port; a peer that dialled us comes from a new
 * port each time, so its address is banned for incoming connections.
 */
public final class PeerGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PeerGuard.class);
    private static final String INCOMING = "incoming:";

    private final Map<PieceKey, Map<Integer, Set<Block>>> deliveries = new ConcurrentHashMap<>();
    private final Map<PieceKey, List<SuspectBlock>> suspects = new ConcurrentHashMap<>();
    private final Set<String> banned = ConcurrentHashMap.newKeySet();
    private final AtomicReference<IPeerConnectionPool> pool = new AtomicReference<>();
    private final AtomicReference<Consumer<String>> onBan = new AtomicReference<>(peer -> { });

    void attach(IPeerConnectionPool connectionPool) {
        pool.set(connectionPool);
    }

    /** Called with "host:port" of every banned peer (for logs and tests). */
    void onBan(Consumer<String> listener) {
        onBan.set(Objects.requireNonNull(listener));
    }

    Set<String> banned() {
        return Set.copyOf(banned);
    }

    @Consumes
    public void consume(Piece piece, MessageContext context) {
        ConnectionKey key = context.getConnectionKey();
        // recorded even from a banned peer: bt may still write a block that was in flight when the ban came
        deliveries.computeIfAbsent(new PieceKey(key.getTorrentId(), piece.getPieceIndex()),
                k -> new ConcurrentHashMap<>()).computeIfAbsent(piece.getOffset(), o -> ConcurrentHashMap.newKeySet())
                .add(new Block(key, piece.getLength()));
        if (isBanned(key.getPeer(), key.getRemotePort())) {
            close(key);
        }
    }

    @Produces
    public void produce(Consumer<Message> messages, MessageContext context) {
        ConnectionKey key = context.getConnectionKey();
        if (isBanned(key.getPeer(), key.getRemotePort())) {
            close(key);
        }
    }

    /** The piece passed: blame the peers whose blocks of an earlier, failed attempt differ from the good ones. */
    void pieceVerified(TorrentId torrent, int piece, ChunkDescriptor chunk) {
        PieceKey pieceKey = new PieceKey(torrent, piece);
        deliveries.remove(pieceKey);
        List<SuspectBlock> failed = suspects.remove(pieceKey);
        if (failed == null) {
            return;
        }
        for (SuspectBlock block : failed) {
            byte[] good = sha1(chunk, block.offset(), block.length());
            if (good != null && !Arrays.equals(good, block.sha1())) {
                ban(block.peer(), "sent a wrong block at offset " + block.offset() + " of piece " + piece
                        + " of torrent " + torrent);
            }
        }
    }

    /** The piece failed: ban its only deliverer, or keep the blocks' hashes to find the liar later. */
    void pieceFailed(TorrentId torrent, int piece, ChunkDescriptor chunk) {
        PieceKey pieceKey = new PieceKey(torrent, piece);
        Map<Integer, Set<Block>> blocks = deliveries.remove(pieceKey);
        if (blocks == null || blocks.isEmpty()) {
            return;
        }
        Set<ConnectionKey> peers = ConcurrentHashMap.newKeySet();
        blocks.values().forEach(set -> set.forEach(b -> peers.add(b.peer())));
        // Once a peer is banned, a block it had in flight may still reach the disk without passing through
        // this agent, so the piece's recorded deliverer need not be the liar: judge by content then.
        if (peers.size() == 1 && banned.isEmpty()) {
            ban(peers.iterator().next(), "alone sent piece " + piece + " of torrent " + torrent
                    + ", which failed its SHA-1 check");
            return;
        }
        LOG.info("Piece {} of torrent {} failed its SHA-1 check; {} peer(s) recorded for it, the liar is found when"
                + " the piece passes", piece, torrent, peers.size());
        // Only blocks one peer alone delivered tell who wrote what is on disk; the others stay unknown.
        List<SuspectBlock> kept = blocks.entrySet().stream()
                .filter(e -> e.getValue().size() == 1)
                .map(e -> {
                    Block b = e.getValue().iterator().next();
                    return new SuspectBlock(b.peer(), e.getKey(), b.length(), sha1(chunk, e.getKey(), b.length()));
                })
                .filter(b -> b.sha1() != null).toList();
        suspects.merge(pieceKey, kept, (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
    }

    private void ban(ConnectionKey key, String reason) {
        String host = key.getPeer().getInetAddress().getHostAddress();
        String id = host + ":" + key.getRemotePort();
        if (banned.add(id)) {
            if (incoming(key)) {
                banned.add(INCOMING + host);
            }
            LOG.warn("Banning peer {}{}: it {}", id, incoming(key) ? " and incoming connections from " + host : "",
                    reason);
            onBan.get().accept(id);
        }
        close(key);
    }

    private static byte[] sha1(ChunkDescriptor chunk, int offset, int length) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(chunk.getData().getSubrange(offset, length).getBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        } catch (RuntimeException e) {
            LOG.debug("cannot read back a block at offset {}: {}", offset, e.getMessage());
            return null;
        }
    }

    private boolean isBanned(Peer peer, int remotePort) {
        if (banned.isEmpty()) {
            return false;
        }
        String host = peer.getInetAddress().getHostAddress();
        return banned.contains(host + ":" + remotePort)
                || (isIncoming(peer, remotePort) && banned.contains(INCOMING + host));
    }

    private static boolean incoming(ConnectionKey key) {
        return isIncoming(key.getPeer(), key.getRemotePort());
    }

    /** bt knows the listen port of peers it dialled; a peer that dialled in has none (or another). */
    private static boolean isIncoming(Peer peer, int remotePort) {
        return peer.isPortUnknown() || peer.getPort() != remotePort;
    }

    private void close(ConnectionKey key) {
        IPeerConnectionPool connections = pool.get();
        if (connections != null) {
            PeerConnection connection = connections.getConnection(key);
            if (connection != null) {
                connection.closeQuietly();
            }
        }
    }

    private record PieceKey(TorrentId torrent, int piece) {
    }

    private record Block(ConnectionKey peer, int length) {
    }

    private record SuspectBlock(ConnectionKey peer, int offset, int length, byte[] sha1) {
    }
}
