package org.archivist.storage.bittorrent.internal.engine.bt;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * agent remembers who delivered blocks of each piece still being assembled; when a piece fails its hash
 * check ({@link GuardingChunkVerifier}), every peer that contributed to it is banned for the rest of the
 * runtime: its connections are closed and any new connection from it is closed at its first message.
 */
public final class PeerGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PeerGuard.class);

    private final Map<PieceKey, Set<ConnectionKey>> contributors = new ConcurrentHashMap<>();
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
        if (isBanned(key.getPeer(), key.getRemotePort())) {
            close(key);
            return;
        }
        contributors.computeIfAbsent(new PieceKey(key.getTorrentId(), piece.getPieceIndex()),
                k -> ConcurrentHashMap.newKeySet()).add(key);
    }

    @Produces
    public void produce(Consumer<Message> messages, MessageContext context) {
        ConnectionKey key = context.getConnectionKey();
        if (isBanned(key.getPeer(), key.getRemotePort())) {
            close(key);
        }
    }

    void pieceVerified(TorrentId torrent, int piece) {
        contributors.remove(new PieceKey(torrent, piece));
    }

    void pieceFailed(TorrentId torrent, int piece) {
        Set<ConnectionKey> culprits = contributors.remove(new PieceKey(torrent, piece));
        if (culprits == null) {
            return;
        }
        for (ConnectionKey key : culprits) {
            String id = id(key.getPeer().getInetAddress().getHostAddress(), key.getRemotePort());
            if (banned.add(id)) {
                LOG.warn("Piece {} of torrent {} failed its SHA-1 check: banning peer {}", piece, torrent, id);
                key.getPeer().getPeerId().ifPresent(peerId -> banned.add("id:" + peerId));
                onBan.get().accept(id);
            }
            close(key);
        }
    }

    private boolean isBanned(Peer peer, int remotePort) {
        if (banned.isEmpty()) {
            return false;
        }
        return banned.contains(id(peer.getInetAddress().getHostAddress(), remotePort))
                || peer.getPeerId().map(peerId -> banned.contains("id:" + peerId)).orElse(false);
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

    private static String id(String host, int port) {
        return host + ":" + port;
    }

    private record PieceKey(TorrentId torrent, int piece) {
    }
}
