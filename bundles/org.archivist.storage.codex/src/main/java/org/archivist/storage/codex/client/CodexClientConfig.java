package org.archivist.storage.codex.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** Where the node is and how patiently to talk to it. Build with {@link #builder(URI)}. */
public final class CodexClientConfig {
    public static final String CODEX_PREFIX = "/api/codex/v1";
    public static final String STORAGE_PREFIX = "/api/storage/v1";

    private final URI baseUri;
    private final String apiPrefix;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private CodexClientConfig(Builder b) {
        this.baseUri = b.baseUri;
        this.apiPrefix = b.apiPrefix;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
    }

    /**
     * A configuration for the node at {@code uri}: a bare {@code http://host:port} gets the
     * {@value #CODEX_PREFIX} prefix; a URI with a path (e.g. {@code …/api/storage/v1}) is used as the API root.
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** The API root: base URL plus prefix. */
    public URI apiRoot() {
        String base = baseUri.toString().replaceAll("/+$", "");
        return URI.create(base + apiPrefix);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public static final class Builder {
        private URI baseUri;
        private String apiPrefix = CODEX_PREFIX;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration requestTimeout = Duration.ofMinutes(30);
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL of a Codex node: " + uri);
            }
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            this.baseUri = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
            if (!path.isEmpty()) {
                this.apiPrefix = path;
            }
        }

        /** {@value #CODEX_PREFIX} (default) or {@value #STORAGE_PREFIX} for the newest nodes. */
        public Builder apiPrefix(String prefix) {
            String p = prefix.startsWith("/") ? prefix : "/" + prefix;
            this.apiPrefix = p.replaceAll("/+$", "");
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connect timeout");
            return this;
        }

        /** Longest wait for the next bytes of an answer. */
        public Builder readTimeout(Duration d) {
            this.readTimeout = positive(d, "read timeout");
            return this;
        }

        /** Longest time one attempt of a call may take, transfer included. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = positive(d, "request timeout");
            return this;
        }

        /** Attempts per idempotent call (1 = no retry). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("at least one attempt, not " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** First pause between attempts; doubled each time (with jitter) up to {@code max}. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public CodexClientConfig build() {
            return new CodexClientConfig(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
