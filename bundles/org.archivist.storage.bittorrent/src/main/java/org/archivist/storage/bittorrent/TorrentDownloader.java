package org.archivist.storage.bittorrent;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.EngineKind;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngine;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngines;

/**
 * The supported way to download whole torrents outside OSGi (the offline tool's {@code fetch}): this bundle's
 * embedded engine, every piece SHA-1 checked, resuming from the pieces already verified on disk.
 * {@code TorrentDownloader.builder().bind(addr).start()}, then {@link #download} per magnet link.
 */
public final class TorrentDownloader implements AutoCloseable {
    private final TorrentEngine engine;

    private TorrentDownloader(TorrentEngine engine) {
        this.engine = engine;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The engine that runs: {@code libtorrent} or {@code bt} (bt also when libtorrent was asked for and its native
     * does not load here).
     *
     * @since 1.2
     */
    public String engine() {
        return engine instanceof org.archivist.storage.bittorrent.internal.engine.bt.BtEngine ? "bt" : "libtorrent";
    }

    /** The TCP port the engine listens on. */
    public int port() {
        return engine.port();
    }

    /** Starts downloading {@code magnet} into {@code <dir>/<torrent name>/}. */
    public TorrentDownload download(MagnetUri magnet, Path dir) throws TorrentDownloadException {
        try {
            return new TorrentDownload(engine.fetch(magnet.link(), dir));
        } catch (EngineException e) {
            throw TorrentDownload.typed(e);
        }
    }

    /** Stops the engine; verified pieces stay on disk. */
    @Override
    public void close() {
        engine.close();
    }

    /** How the engine joins the network; defaults: libtorrent, 0.0.0.0, a free port, trackers on, no DHT, no limits. */
    public static final class Builder {
        private InetAddress bind;
        private int port;
        private boolean dht;
        private boolean trackers = true;
        private Duration stallTimeout = Duration.ofSeconds(120);
        private long downloadBytesPerSecond;
        private long uploadBytesPerSecond;
        private EngineKind engine = EngineKind.DEFAULT;

        private Builder() {
        }

        /**
         * The engine: {@code libtorrent} (the default; bt where its native does not load) or {@code bt}.
         *
         * @throws IllegalArgumentException for any other name
         * @since 1.2
         */
        public Builder engine(String name) {
            this.engine = EngineKind.parse(name);
            return this;
        }

        public Builder bind(InetAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The TCP (and DHT UDP) port, 0..65535; 0 picks a free one. */
        public Builder port(int listenPort) {
            this.port = listenPort;
            return this;
        }

        /** The mainline DHT (joined through the public routers). */
        public Builder dht(boolean on) {
            this.dht = on;
            return this;
        }

        /** Whether the torrents' trackers are announced to. */
        public Builder trackers(boolean on) {
            this.trackers = on;
            return this;
        }

        /** A download that verifies no new piece for this long fails (retryable). */
        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Node-wide rates in bytes per second, 0 for none. */
        public Builder rateLimits(long downloadBytesPerSecond, long uploadBytesPerSecond) {
            this.downloadBytesPerSecond = downloadBytesPerSecond;
            this.uploadBytesPerSecond = uploadBytesPerSecond;
            return this;
        }

        /**
         * Starts the engine.
         *
         * @throws IllegalArgumentException for a port, timeout or rate out of range
         * @throws TorrentDownloadException when the engine does not start (the port is taken, ...)
         */
        public TorrentDownloader start() throws TorrentDownloadException {
            InetAddress address = bind;
            if (address == null) {
                try {
                    address = InetAddress.getByName("0.0.0.0");
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
            EngineSettings settings = new EngineSettings(address, port, dht, trackers, 50, stallTimeout)
                    .withRateLimits(downloadBytesPerSecond, uploadBytesPerSecond);
            try {
                return new TorrentDownloader(TorrentEngines.start(engine, settings));
            } catch (EngineException e) {
                throw TorrentDownload.typed(e);
            }
        }
    }
}
