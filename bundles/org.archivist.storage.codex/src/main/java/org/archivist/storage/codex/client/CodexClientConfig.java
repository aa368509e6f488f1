package org.archivist.storage.codex.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.archivist.storage.codex.cid.CodexLine;

/**
 * Where the node is, which line it runs ({@link CodexLine}: configured, or detected on first use) and how
 * patiently to talk to it. Build with {@link #builder(URI)}.
 */
public final class CodexClientConfig {
    public static final String CODEX_PREFIX = "/api/codex/v1";
    public static final String STORAGE_PREFIX = "/api/storage/v1";
    /** As a prefix: detect the node's line (and so its prefix) from {@code /debug/info} on first use. */
    public static final String AUTO = "auto";

    private final URI baseUri;
    private final String apiPrefix;
    private final CodexLine line;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private CodexClientConfig(Builder b) {
        this.baseUri = b.baseUri;
        this.apiPrefix = b.apiPrefix;
        this.line = b.line;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
    }

    /**
     * A configuration for the node at {@code uri}: for a bare {@code http://host:port} the client detects the
     * line and its prefix on first use; a URI with a path (e.g. {@code …/api/storage/v1}) is used as the API root.
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** {@code http(s)://host:port} of the node. */
    public URI baseUri() {
        return baseUri;
    }

    /** The configured prefix, empty when it is to be detected. */
    public Optional<String> apiPrefix() {
        return Optional.ofNullable(apiPrefix);
    }

    /** The configured line, empty when it is to be detected (or read from the prefix). */
    public Optional<CodexLine> line() {
        return Optional.ofNullable(line != null ? line : apiPrefix == null ? null
                : CodexLine.ofPrefix(apiPrefix).orElse(null));
    }

    /**
     * The API root as configured: base URL plus prefix (the configured line's prefix when only the line is
     * set). When neither is set the client detects them; this then answers the {@value #CODEX_PREFIX} root.
     */
    public URI apiRoot() {
        String base = baseUri.toString().replaceAll("/+$", "");
        String prefix = apiPrefix != null ? apiPrefix : line != null ? line.apiPrefix() : CODEX_PREFIX;
        return URI.create(base + prefix);
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
        private String apiPrefix;
        private CodexLine line;
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

        /**
         * {@value #CODEX_PREFIX}, {@value #STORAGE_PREFIX}, another prefix (the line is then read from the
         * node's {@code /debug/info}), or {@value #AUTO} / empty / null to detect both on first use.
         */
        public Builder apiPrefix(String prefix) {
            if (prefix == null || prefix.isBlank() || prefix.strip().equalsIgnoreCase(AUTO)) {
                this.apiPrefix = null;
                return this;
            }
            String p = prefix.startsWith("/") ? prefix : "/" + prefix;
            this.apiPrefix = p.replaceAll("/+$", "");
            return this;
        }

        /** The node's line, when known; without a prefix, the line's own prefix is used. Null: detect. */
        public Builder line(CodexLine codexLine) {
            this.line = codexLine;
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
