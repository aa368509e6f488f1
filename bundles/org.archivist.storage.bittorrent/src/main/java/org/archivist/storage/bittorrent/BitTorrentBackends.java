package org.archivist.storage.bittorrent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.StorageBackend;
import org.archivist.storage.bittorrent.internal.BitTorrentBackend;
import org.archivist.storage.bittorrent.internal.BitTorrentSettings;
import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.EngineKind;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngine;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngines;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;

/**
 * The supported way to build a BitTorrent {@link StorageBackend} outside OSGi: an embedded engine on
 * 127.0.0.1 (no DHT, no trackers contacted), the Status file layout under one directory
 * ({@code archivedata/}, {@code torrents/}), seeding resumed for what was seeded before.
 */
public final class BitTorrentBackends {
    private BitTorrentBackends() {
    }

    /** A builder for a loopback node keeping its files under {@code dir}. */
    public static Builder embedded(Path dir) {
        return new Builder(dir);
    }

    /** Options of an embedded backend; {@link #start()} builds and starts it. */
    public static final class Builder {
        private final Path dir;
        private List<String> peers = List.of();
        private Optional<ArchiveCipher> cipher = Optional.empty();
        private Duration metadataTimeout = Duration.ofSeconds(30);
        private String createdBy = "0x04" + "00".repeat(64);
        private EngineKind engine = EngineKind.DEFAULT;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** {@code host:port} peers added to every link this node downloads. */
        public Builder peers(List<String> hostPorts) {
            this.peers = List.copyOf(hostPorts);
            return this;
        }

        /** The community cipher, to read the index of encrypted communities. */
        public Builder cipher(ArchiveCipher c) {
            this.cipher = Optional.of(c);
            return this;
        }

        public Builder metadataTimeout(Duration timeout) {
            this.metadataTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The torrents' {@code created by} (status-go writes the node's public key). */
        public Builder createdBy(String text) {
            this.createdBy = Objects.requireNonNull(text, "createdBy");
            return this;
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

        /** Starts the engine and resumes seeding; close the result to stop it. */
        public EmbeddedBitTorrent start() throws IOException {
            BitTorrentSettings settings = new BitTorrentSettings(dir.resolve("archivedata"), dir.resolve("torrents"),
                    Metainfo.STATUS_TRACKERS, createdBy, metadataTimeout, peers, true);
            TorrentEngine started;
            try {
                started = TorrentEngines.start(engine, EngineSettings.loopback());
            } catch (EngineException e) {
                throw new IOException("the BitTorrent engine did not start: " + e.getMessage(), e);
            }
            BitTorrentBackend backend = new BitTorrentBackend(settings, started, cipher, Clock.systemUTC());
            try {
                backend.resumeSeeding();
            } catch (RuntimeException e) {
                backend.close();
                throw e;
            }
            return new EmbeddedBitTorrent(backend, settings);
        }
    }

    /** A started backend: the SPI view, its listening port, and {@link #close()} to stop the engine. */
    public static final class EmbeddedBitTorrent implements AutoCloseable {
        private final BitTorrentBackend backend;
        private final BitTorrentSettings settings;

        private EmbeddedBitTorrent(BitTorrentBackend backend, BitTorrentSettings settings) {
            this.backend = backend;
            this.settings = settings;
        }

        /** Where a community's {@code data} and {@code index} live ({@code <dir>/archivedata/<community>}). */
        public Path communityDir(CommunityId community) {
            return settings.dataDir().resolve(community.hex());
        }

        /** A community's torrent file ({@code <dir>/torrents/<community>.torrent}). */
        public Path torrentFile(CommunityId community) {
            return settings.torrentDir().resolve(community.hex() + ".torrent");
        }

        public StorageBackend backend() {
            return backend;
        }

        /** The engine's TCP port on 127.0.0.1, for other nodes' peer hints. */
        public int port() {
            return backend.port();
        }

        @Override
        public void close() {
            backend.close();
        }
    }
}
