package org.archivist.storage.bittorrent.internal.engine.bt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import bt.metainfo.TorrentId;
import bt.net.ConnectionKey;
import bt.protocol.Choke;
import bt.protocol.Message;
import bt.protocol.Unchoke;
import bt.torrent.annotation.Consumes;
import bt.torrent.annotation.Produces;
import bt.torrent.messaging.ConnectionState;
import bt.torrent.messaging.MessageContext;

/**
 * Makes bt notice at once that a member wants more pieces. bt 1.10 gives each unchoking peer an
 * "assignment" that claims pieces from the selector only when it is created or when one of its pieces
 * completes; once the wanted pieces are all in, the assignments stay empty until they time out (5 s), and
 * the peer is then shunned for a minute. After {@link #refresh}, this messaging agent makes bt drop the
 * empty assignment of each connection of the torrent, by reporting the peer as choking for exactly one
 * turn of bt's message loop (which removes the assignment), then restoring the peer's real choke state
 * (which lets bt create a new assignment that claims the newly wanted pieces).
 */
public final class AssignmentRefresher {
    private final Map<TorrentId, AtomicLong> epochs = new ConcurrentHashMap<>();
    private final Map<ConnectionKey, PeerState> peers = new ConcurrentHashMap<>();

    /** Asks every connection of the torrent to take new pieces now. */
    void refresh(TorrentId torrent) {
        epochs.computeIfAbsent(torrent, t -> new AtomicLong()).incrementAndGet();
    }

    /** Forgets a torrent whose download ended. */
    void forget(TorrentId torrent) {
        epochs.remove(torrent);
        peers.keySet().removeIf(key -> key.getTorrentId().equals(torrent));
    }

    @Consumes
    public void consume(Choke choke, MessageContext context) {
        state(context).realChoking = true;
    }

    @Consumes
    public void consume(Unchoke unchoke, MessageContext context) {
        state(context).realChoking = false;
    }

    @Produces
    public void produce(Consumer<Message> messages, MessageContext context) {
        AtomicLong epoch = epochs.get(context.getTorrentId());
        if (epoch == null) {
            return;
        }
        PeerState peer = state(context);
        ConnectionState connection = context.getConnectionState();
        if (peer.restorePending) {
            connection.setPeerChoking(peer.realChoking);
            peer.restorePending = false;
            return;
        }
        long now = epoch.get();
        if (now != peer.seenEpoch) {
            peer.seenEpoch = now;
            if (!peer.realChoking && !connection.isPeerChoking()) {
                connection.setPeerChoking(true);
                peer.restorePending = true;
            }
        }
    }

    private PeerState state(MessageContext context) {
        return peers.computeIfAbsent(context.getConnectionKey(),
                key -> new PeerState(context.getConnectionState().isPeerChoking()));
    }

    private static final class PeerState {
        volatile boolean realChoking;
        volatile boolean restorePending;
        volatile long seenEpoch;

        PeerState(boolean choking) {
            this.realChoking = choking;
        }
    }
}
