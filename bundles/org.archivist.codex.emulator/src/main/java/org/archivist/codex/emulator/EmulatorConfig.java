package org.archivist.codex.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** How an emulated Codex node runs: where it listens and stores, its peers, quota, block TTL and retries. */
public final class EmulatorConfig {
    public static final String CODEX_PREFIX = "/api/codex/v1";
    public static final String STORAGE_PREFIX = "/api/storage/v1";

    final String bindAddress;
    final int port;
    final Path dataDir;
    final List<URI> peers;
    final String apiPrefix;
    final long quotaMaxBytes;
    final Duration blockTtl;
    final Duration maintenanceInterval;
    final Clock clock;
    final int blockRetries;
    final Duration retryDelay;
    final int maxThreads;

    private EmulatorConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.dataDir = b.dataDir;
        this.peers = List.copyOf(b.peers);
        this.apiPrefix = b.apiPrefix;
        this.quotaMaxBytes = b.quotaMaxBytes;
        this.blockTtl = b.blockTtl;
        this.maintenanceInterval = b.maintenanceInterval;
        this.clock = b.clock;
        this.blockRetries = b.blockRetries;
        this.retryDelay = b.retryDelay;
        this.maxThreads = b.maxThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private Path dataDir;
        private final List<URI> peers = new ArrayList<>();
        private String apiPrefix = CODEX_PREFIX;
        private long quotaMaxBytes = 20L * 1024 * 1024 * 1024;
        private Duration blockTtl = Duration.ofDays(30);
        private Duration maintenanceInterval = Duration.ofMinutes(10);
        private Clock clock = Clock.systemUTC();
        private int blockRetries = 3;
        private Duration retryDelay = Duration.ofMillis(100);
        private int maxThreads = 32;

        /** Address to bind, 127.0.0.1 unless told. */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address);
            return this;
        }

        /** Port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Directory holding blocks and manifests; without one, a temporary directory deleted on close. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Another emulated node (its base URL, e.g. http://127.0.0.1:8081) to fetch missing blocks from. */
        public Builder peer(URI baseUrl) {
            this.peers.add(baseUrl);
            return this;
        }

        /** {@value #CODEX_PREFIX} (default) or {@value #STORAGE_PREFIX} of the newest nodes. */
        public Builder apiPrefix(String prefix) {
            this.apiPrefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            return this;
        }

        public Builder quotaMaxBytes(long bytes) {
            this.quotaMaxBytes = bytes;
            return this;
        }

        /** How long a stored block lives (30 days, as the node's {@code --block-ttl}). */
        public Builder blockTtl(Duration ttl) {
            this.blockTtl = ttl;
            return this;
        }

        /** How often expired blocks are deleted (10 minutes, as {@code --block-mi}); zero disables the timer. */
        public Builder maintenanceInterval(Duration interval) {
            this.maintenanceInterval = interval;
            return this;
        }

        /** The clock block expiry is measured with; tests inject one to age blocks. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Rounds over the peers before a missing block is given up (the node's {@code --block-retries}). */
        public Builder blockRetries(int retries) {
            this.blockRetries = Math.max(1, retries);
            return this;
        }

        public Builder retryDelay(Duration delay) {
            this.retryDelay = delay;
            return this;
        }

        /** Threads serving requests (32); more concurrent requests wait in a queue. */
        public Builder maxThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("at least one thread, not " + threads);
            }
            this.maxThreads = threads;
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(this);
        }
    }
}
