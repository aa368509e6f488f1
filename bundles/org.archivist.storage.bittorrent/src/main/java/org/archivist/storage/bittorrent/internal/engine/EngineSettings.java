package org.archivist.storage.bittorrent.internal.engine;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine joins the network.
 *
 * @param bindAddress  where the peer acceptor listens (127.0.0.1 in tests)
 * @param port         the TCP listen port; 0 picks a free one
 * @param dht          mainline DHT on or off
 * @param trackers     whether the torrents' trackers are announced to
 * @param maxPeers     the most peer connections in all
 * @param stallTimeout a download that verifies no new piece for this long fails (retryable)
 */
public record EngineSettings(InetAddress bindAddress, int port, boolean dht, boolean trackers, int maxPeers,
        Duration stallTimeout) {
    public EngineSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (port < 0 || port > 65535 || maxPeers < 1) {
            throw new IllegalArgumentException("bad engine settings: port " + port + ", maxPeers " + maxPeers);
        }
    }

    /** Loopback, a free port, no DHT, no trackers: what tests and the loopback benchmark use. */
    public static EngineSettings loopback() {
        return new EngineSettings(InetAddress.getLoopbackAddress(), 0, false, false, 50, Duration.ofSeconds(60));
    }

    public EngineSettings withPort(int newPort) {
        return new EngineSettings(bindAddress, newPort, dht, trackers, maxPeers, stallTimeout);
    }

    public EngineSettings withStallTimeout(Duration timeout) {
        return new EngineSettings(bindAddress, port, dht, trackers, maxPeers, timeout);
    }
}
