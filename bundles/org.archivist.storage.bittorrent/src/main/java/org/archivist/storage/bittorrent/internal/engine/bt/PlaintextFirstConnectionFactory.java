package org.archivist.storage.bittorrent.internal.engine.bt;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bt.metainfo.TorrentId;
import bt.net.ConnectionResult;
import bt.net.IPeerConnectionFactory;
import bt.net.Peer;
import bt.torrent.TorrentRegistry;

/**
 * Dials peers with a plaintext BitTorrent handshake first and falls back to bt's encrypted (MSE) handshake
 * when the peer refuses it (a peer that requires encryption closes the connection): the encrypted handshake
 * costs two more round trips and a key exchange per connection. Incoming connections are answered by
 * {@link IncomingHandshake} (plaintext or encrypted, whichever the peer starts), whose result bt's plaintext
 * factory then takes over through the {@link HandshakeHandoff}.
 */
final class PlaintextFirstConnectionFactory implements IPeerConnectionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PlaintextFirstConnectionFactory.class);
    /** bt's message for a connect that failed before any handshake: no point trying again with MSE. */
    private static final String IO_ERROR = "I/O error";
    /** As bt's MSE receive timeout. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final IPeerConnectionFactory plaintext;
    private final IPeerConnectionFactory encrypted;
    private final IPeerConnectionFactory incoming;
    private final HandshakeHandoff handoff;
    private final TorrentRegistry torrents;

    /**
     * @param incoming bt's plaintext factory built with the {@code handoff}'s buffers and pipelines
     */
    PlaintextFirstConnectionFactory(IPeerConnectionFactory plaintext, IPeerConnectionFactory encrypted,
            IPeerConnectionFactory incoming, HandshakeHandoff handoff, TorrentRegistry torrents) {
        this.plaintext = plaintext;
        this.encrypted = encrypted;
        this.incoming = incoming;
        this.handoff = handoff;
        this.torrents = torrents;
    }

    @Override
    public ConnectionResult createOutgoingConnection(Peer peer, TorrentId torrentId) {
        ConnectionResult result = plaintext.createOutgoingConnection(peer, torrentId);
        if (result.isSuccess() || IO_ERROR.equals(result.getMessage().orElse(""))) {
            return result;
        }
        LOG.debug("Plaintext handshake with {} failed ({}); trying the encrypted one", peer,
                result.getMessage().orElse("?"));
        return encrypted.createOutgoingConnection(peer, torrentId);
    }

    @Override
    public ConnectionResult createIncomingConnection(Peer peer, SocketChannel channel) {
        IncomingHandshake.Result first;
        try {
            first = IncomingHandshake.accept(channel, torrents.getTorrentIds(), HANDSHAKE_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Incoming connection from {} refused: {}", peer, e.getMessage());
            try {
                channel.close();
            } catch (IOException ignored) {
                // refusing anyway
            }
            return ConnectionResult.failure("Handshake failed: " + e.getMessage(), e);
        }
        LOG.debug("Incoming connection from {}: {} handshake, {} bytes handed over", peer,
                first.cipher().isPresent() ? "encrypted" : "plaintext", first.plaintext().length);
        return handoff.with(first, () -> incoming.createIncomingConnection(peer, channel));
    }
}
