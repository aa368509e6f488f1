package org.archivist.storage.bittorrent.internal.engine.bt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Drops peers that are proven to send corrupt data. bt already refuses a piece whose SHA-1 does not match and
 * asks for it again, but it keeps talking to the peer that sent it, which can stall a download forever.
 *
 * <p>What reaches the disk cannot be attributed to a peer by the {@code Piece} message bt dispatches: bt keeps
 * received blocks in one registry keyed by (piece, offset) only, for all connections, so the message of one
 * peer may write the bytes another peer sent for the same block (a block asked of two peers, or the block a
 * banned peer had in flight, left in the registry and taken by the next peer asked for it). Blaming the
 * message's sender banned good peers. So the evidence is taken on the wire instead: {@link GuardedProtocol}
 * hashes (SHA-1) every block as it is decoded from a connection, and this guard keeps, per piece and block,
 * the hash of what each peer sent. A peer is banned only on proof:
 * <ul>
 * <li>a piece failed its check and every block on disk is, byte for byte (by SHA-1), what that peer sent for
 * it: the peer sent a piece that does not match its hash;</li>
 * <li>a piece passed, and a block that peer sent for it differs from the verified block ("smart ban", as
 * libtorrent does).</li>
 * </ul>
 * A failed piece made of several peers' blocks bans nobody; bt asks for it again and the hashes are kept until
 * it passes. A banned peer's connections are closed, and any new connection from it is closed at its first
 * message. A peer we dialled is known by address and listen port; a peer that dialled us comes from a new port
 * each time, so its address is banned for incoming connections.
 */
public final class PeerGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PeerGuard.class);
    private static final String INCOMING = "incoming:";
    private static final Sender AMBIGUOUS = new Sender("", -1, false, null);

    /** Per piece being downloaded: per block offset, what each connection sent for it (the last copy). */
    private final Map<PieceKey, Map<Integer, Map<Sender, Sent>>> received = new ConcurrentHashMap<>();
    /** Pieces verified since: blocks still arriving for them are not kept. */
    private final Set<PieceKey> done = ConcurrentHashMap.newKeySet();
    /** bt's peer object of each connection (one per connection; no equals, so by identity) to its sender. */
    private final Map<Peer, Sender> connections = Collections.synchronizedMap(new WeakHashMap<>());
    private final Set<String> banned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failures = new AtomicInteger();
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

    /** Pieces that failed their SHA-1 check after a download (for logs and tests). */
    int failedPieces() {
        return failures.get();
    }

    @Consumes
    public void consume(Piece piece, MessageContext context) {
        connected(context.getConnectionKey());
    }

    @Produces
    public void produce(Consumer<Message> messages, MessageContext context) {
        connected(context.getConnectionKey());
    }

    /** Forgets what was kept for a torrent whose download ended. */
    void forget(TorrentId torrent) {
        received.keySet().removeIf(key -> key.torrent().equals(torrent));
        done.removeIf(key -> key.torrent().equals(torrent));
    }

    /** A connection bt dispatches messages for: learn which torrent its peer object belongs to; drop it if banned. */
    void connected(ConnectionKey key) {
        Sender sender = Sender.of(key);
        Sender known = connections.putIfAbsent(key.getPeer(), sender);
        if (known != null && known != AMBIGUOUS && (!known.torrent().equals(sender.torrent())
                || known.remotePort() != sender.remotePort())) {
            // one peer object for two connections: its blocks can no longer be told apart, so none is kept
            connections.put(key.getPeer(), AMBIGUOUS);
        }
        if (isBanned(sender)) {
            close(key);
        }
    }

    /**
     * A block as decoded from a peer's connection (on bt's receiving thread, before bt stores it anywhere).
     * Blocks of connections bt has not dispatched anything for yet (so whose torrent is unknown) are not kept.
     */
    void received(Peer peer, int piece, int offset, int length, byte[] sha1) {
        Sender sender = connections.get(peer);
        if (sender == null || sender == AMBIGUOUS) {
            LOG.debug("block {}/{} from a connection not known yet ({}); not kept", piece, offset, peer);
            return;
        }
        PieceKey key = new PieceKey(sender.torrent(), piece);
        if (done.contains(key)) {
            return;
        }
        received.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(offset, o -> new ConcurrentHashMap<>())
                .put(sender, new Sent(length, sha1));
    }

    /** The piece passed: ban every peer that sent a block of it differing from the verified one. */
    void pieceVerified(TorrentId torrent, int piece, ChunkDescriptor chunk) {
        verified(torrent, piece, Blocks.of(chunk));
    }

    /** The piece failed: ban a peer whose blocks are all of what is on disk; otherwise wait until it passes. */
    void pieceFailed(TorrentId torrent, int piece, ChunkDescriptor chunk) {
        failed(torrent, piece, Blocks.of(chunk));
    }

    void verified(TorrentId torrent, int piece, Blocks disk) {
        PieceKey key = new PieceKey(torrent, piece);
        done.add(key);
        Map<Integer, Map<Sender, Sent>> blocks = received.remove(key);
        if (blocks == null) {
            return;
        }
        Set<Sender> liars = new HashSet<>();
        for (Map.Entry<Integer, Map<Sender, Sent>> block : blocks.entrySet()) {
            int offset = block.getKey();
            for (Map.Entry<Sender, Sent> copy : block.getValue().entrySet()) {
                byte[] good = disk.sha1(offset, copy.getValue().length());
                if (good != null && !Arrays.equals(good, copy.getValue().sha1()) && liars.add(copy.getKey())) {
                    ban(copy.getKey(), "sent a wrong block at offset " + offset + " of piece " + piece
                            + " of torrent " + torrent + " (the piece then passed with other bytes there)");
                }
            }
        }
    }

    void failed(TorrentId torrent, int piece, Blocks disk) {
        failures.incrementAndGet();
        PieceKey key = new PieceKey(torrent, piece);
        Map<Integer, Map<Sender, Sent>> blocks = received.get(key);
        if (blocks == null || blocks.isEmpty()) {
            LOG.info("Piece {} of torrent {} failed its SHA-1 check; no sender of it is known", piece, torrent);
            return;
        }
        List<byte[]> onDisk = new ArrayList<>();
        for (int[] block : disk.blocks()) {
            onDisk.add(disk.sha1(block[0], block[1]));
        }
        Set<Sender> senders = new HashSet<>();
        blocks.values().forEach(copies -> senders.addAll(copies.keySet()));
        boolean proven = false;
        for (Sender sender : senders) {
            if (sentAllOf(sender, blocks, disk.blocks(), onDisk)) {
                proven = true;
                ban(sender, "sent every block of piece " + piece + " of torrent " + torrent
                        + " as it is on disk, and the piece failed its SHA-1 check");
            }
        }
        if (!proven) {
            LOG.info("Piece {} of torrent {} failed its SHA-1 check; its blocks on disk came from {} peer(s) or"
                    + " unknown ones, a liar among them is found when the piece passes", piece, torrent,
                    senders.size());
        }
    }

    /** Whether what the sender sent for each block of the piece is exactly what is on disk. */
    private static boolean sentAllOf(Sender sender, Map<Integer, Map<Sender, Sent>> blocks, List<int[]> layout,
            List<byte[]> onDisk) {
        for (int i = 0; i < layout.size(); i++) {
            Map<Sender, Sent> copies = blocks.get(layout.get(i)[0]);
            Sent sent = copies == null ? null : copies.get(sender);
            if (sent == null || sent.length() != layout.get(i)[1] || onDisk.get(i) == null
                    || !Arrays.equals(sent.sha1(), onDisk.get(i))) {
                return false;
            }
        }
        return !layout.isEmpty();
    }

    private void ban(Sender sender, String reason) {
        String id = sender.id();
        if (banned.add(id)) {
            if (sender.incoming()) {
                banned.add(INCOMING + sender.host());
            }
            LOG.warn("Banning peer {}{}: it {}", id,
                    sender.incoming() ? " and incoming connections from " + sender.host() : "", reason);
            onBan.get().accept(id);
        }
        IPeerConnectionPool connections = pool.get();
        if (connections != null) {
            List<PeerConnection> drop = new ArrayList<>();
            connections.visitConnections(sender.torrent(), connection -> {
                if (isBanned(Sender.of(connection))) {
                    drop.add(connection);
                }
            });
            drop.forEach(PeerConnection::closeQuietly);
        }
    }

    private boolean isBanned(Sender sender) {
        if (banned.isEmpty()) {
            return false;
        }
        return banned.contains(sender.id()) || (sender.incoming() && banned.contains(INCOMING + sender.host()));
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

    static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** The blocks of a piece as stored: their layout and the SHA-1 of each. */
    interface Blocks {
        /** {offset, length} of each block, in order. */
        List<int[]> blocks();

        /** SHA-1 of the stored bytes, or null when they cannot be read. */
        byte[] sha1(int offset, int length);

        static Blocks of(ChunkDescriptor chunk) {
            return new Blocks() {
                @Override
                public List<int[]> blocks() {
                    List<int[]> layout = new ArrayList<>();
                    long size = chunk.length();
                    long blockSize = chunk.blockSize();
                    for (int i = 0; i < chunk.blockCount(); i++) {
                        long offset = i * blockSize;
                        layout.add(new int[] {(int) offset, (int) Math.min(blockSize, size - offset)});
                    }
                    return layout;
                }

                @Override
                public byte[] sha1(int offset, int length) {
                    try {
                        return PeerGuard.sha1(chunk.getData().getSubrange(offset, length).getBytes());
                    } catch (RuntimeException e) {
                        LOG.debug("cannot read back a block at offset {}: {}", offset, e.getMessage());
                        return null;
                    }
                }
            };
        }
    }

    private record PieceKey(TorrentId torrent, int piece) {
    }

    /** One connection: a peer we dialled by address and listen port, one that dialled us by address and port. */
    private record Sender(String host, int remotePort, boolean incoming, TorrentId torrent) {
        static Sender of(ConnectionKey key) {
            return of(key.getPeer(), key.getRemotePort(), key.getTorrentId());
        }

        static Sender of(PeerConnection connection) {
            return of(connection.getRemotePeer(), connection.getRemotePort(), connection.getTorrentId());
        }

        /** bt knows the listen port of peers it dialled; a peer that dialled in has none (or another). */
        static Sender of(Peer peer, int remotePort, TorrentId torrent) {
            return new Sender(peer.getInetAddress().getHostAddress(), remotePort,
                    peer.isPortUnknown() || peer.getPort() != remotePort, torrent);
        }

        String id() {
            return host + ":" + remotePort;
        }
    }

    private record Sent(int length, byte[] sha1) {
    }
}
