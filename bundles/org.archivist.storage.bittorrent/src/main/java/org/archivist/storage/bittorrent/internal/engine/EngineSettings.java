package org.archivist.storage.bittorrent.internal.engine;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine joins the network.
 *
 * @param bindAddress       where the peer acceptor (and the DHT) listens (127.0.0.1 in tests)
 * @param port              the TCP listen port (also the DHT's UDP port); 0 picks a free one
 * @param dht               mainline DHT on or off
 * @param trackers          whether the torrents' trackers are announced to
 * @param maxPeers          the most peer connections in all
 * @param stallTimeout      a download that verifies no new piece for this long fails (retryable)
 * @param dhtBootstrap      whether the DHT joins through the public routers (off: it only knows the nodes
 *                          it meets, which keeps a loopback test on the machine)
 * @param downloadRateLimit the most bytes per second received from all peers together; 0 = no limit
 * @param uploadRateLimit   the most bytes per second sent to all peers together; 0 = no limit
 */
public record EngineSettings(InetAddress bindAddress, int port, boolean dht, boolean trackers, int maxPeers,
        Duration stallTimeout, boolean dhtBootstrap, long downloadRateLimit, long uploadRateLimit) {

    public EngineSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad engine settings: listen port " + port + " is not in 0..65535");
        }
        if (maxPeers < 1) {
            throw new IllegalArgumentException("bad engine settings: maxPeers " + maxPeers + " must be at least 1");
        }
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("bad engine settings: stall timeout " + stallTimeout
                    + " must be positive");
        }
        if (downloadRateLimit < 0 || uploadRateLimit < 0) {
            throw new IllegalArgumentException("bad engine settings: rate limits must be 0 (none) or positive bytes"
                    + " per second, got download " + downloadRateLimit + ", upload " + uploadRateLimit);
        }
    }

    /** Public DHT bootstrap (when the DHT is on), no rate limits. */
    public EngineSettings(InetAddress bindAddress, int port, boolean dht, boolean trackers, int maxPeers,
            Duration stallTimeout) {
        this(bindAddress, port, dht, trackers, maxPeers, stallTimeout, true, 0, 0);
    }

    /** Loopback, a free port, no DHT, no trackers, no limits: what tests and the loopback benchmark use. */
    public static EngineSettings loopback() {
        return new EngineSettings(InetAddress.getLoopbackAddress(), 0, false, false, 50, Duration.ofSeconds(60),
                false, 0, 0);
    }

    public EngineSettings withPort(int newPort) {
        return new EngineSettings(bindAddress, newPort, dht, trackers, maxPeers, stallTimeout, dhtBootstrap,
                downloadRateLimit, uploadRateLimit);
    }

    public EngineSettings withStallTimeout(Duration timeout) {
        return new EngineSettings(bindAddress, port, dht, trackers, maxPeers, timeout, dhtBootstrap,
                downloadRateLimit, uploadRateLimit);
    }

    /** The DHT on, joined through the public routers or (with {@code bootstrap} false) through no one. */
    public EngineSettings withDht(boolean bootstrap) {
        return new EngineSettings(bindAddress, port, true, trackers, maxPeers, stallTimeout, bootstrap,
                downloadRateLimit, uploadRateLimit);
    }

    /** A rate limit as the engines log it: {@code none} for 0, else bytes per second. */
    public static String describeRate(long bytesPerSecond) {
        return bytesPerSecond == 0 ? "none" : bytesPerSecond + " B/s";
    }

    /** Bytes per second, 0 for no limit. */
    public EngineSettings withRateLimits(long download, long upload) {
        return new EngineSettings(bindAddress, port, dht, trackers, maxPeers, stallTimeout, dhtBootstrap, download,
                upload);
    }
}
