package org.archivist.storage.bittorrent.content;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.archivist.api.content.BlobStore;
import org.archivist.storage.bittorrent.internal.BitTorrentBlobStore;
import org.archivist.storage.bittorrent.internal.BlobLayout;
import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.EngineKind;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngine;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngines;

/**
 * The supported way to build a BitTorrent {@link BlobStore} outside OSGi: an embedded engine on 127.0.0.1 (no DHT,
 * no trackers), links carrying 127.0.0.1:port as their peer hint. The engine is libtorrent by default (bt where
 * its native does not load), or bt ({@link Builder#engine}).
 */
public final class BitTorrentBlobStores {
    /**
     * A fetch attempt with no new piece for this long gives up, and the next attempt continues in a fresh engine from
     * the verified pieces. Longer than the engine's 30 s assignment timeout, which ends most end-game stalls.
     */
    public static final Duration FETCH_STALL = Duration.ofSeconds(45);

    private BitTorrentBlobStores() {
    }

    public static Builder embedded(Path dir) {
        return new Builder(dir);
    }

    /** Options of an embedded blob store; {@link #start()} starts it. */
    public static final class Builder {
        private final Path dir;
        private List<String> peers = List.of();
        private Duration metadataTimeout = Duration.ofSeconds(30);
        private long maxBlobBytes = 64L << 20;
        private EngineKind engine = EngineKind.DEFAULT;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** {@code host:port} peers added to every fetched link. */
        public Builder peers(List<String> hostPorts) {
            this.peers = List.copyOf(hostPorts);
            return this;
        }

        public Builder metadataTimeout(Duration timeout) {
            this.metadataTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder maxBlobBytes(long bytes) {
            this.maxBlobBytes = bytes;
            return this;
        }

        /**
         * The engine: {@code libtorrent} (the default; bt where its native does not load) or {@code bt}.
         *
         * @throws IllegalArgumentException for any other name
         * @since 1.1
         */
        public Builder engine(String name) {
            this.engine = EngineKind.parse(name);
            return this;
        }

        /** Starts the engine and seeds the blobs kept under the directory; close the result to stop it. */
        public EmbeddedBlobStore start() throws IOException {
            EngineKind kind = TorrentEngines.usable(engine);
            TorrentEngine started;
            try {
                started = TorrentEngines.start(kind, EngineSettings.loopback());
            } catch (EngineException e) {
                throw new IOException("the BitTorrent engine did not start: " + e.getMessage(), e);
            }
            try {
                BitTorrentBlobStore store = new BitTorrentBlobStore(started,
                        () -> TorrentEngines.start(kind, EngineSettings.loopback().withStallTimeout(FETCH_STALL)),
                        BlobLayout.of(kind), dir, Optional.of("127.0.0.1"), peers, metadataTimeout, maxBlobBytes);
                store.refreshDue();
                return new EmbeddedBlobStore(started, store);
            } catch (IOException | org.archivist.api.content.ContentException | RuntimeException e) {
                started.close();
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        }
    }

    /** A started blob store: the SPI view, its port, and {@link #close()} to stop its engine. */
    public static final class EmbeddedBlobStore implements AutoCloseable {
        private final TorrentEngine engine;
        private final BlobStore store;

        private EmbeddedBlobStore(TorrentEngine engine, BlobStore store) {
            this.engine = engine;
            this.store = store;
        }

        public BlobStore store() {
            return store;
        }

        public int port() {
            return engine.port();
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
