package org.archivist.storage.codex;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.StorageBackend;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.internal.CodexBackend;

/**
 * The supported way to build a Codex {@link StorageBackend} outside OSGi: a client of the node's REST API
 * and the backend's per-community state under one directory.
 */
public final class CodexBackends {
    /** How often a seeded set is re-stored on the node, as the OSGi component's default. */
    public static final Duration DEFAULT_REFRESH = Duration.ofDays(7);

    private CodexBackends() {
    }

    /** A backend talking to the Codex node whose REST API is at {@code api}; close it to release the client. */
    public static ConnectedCodex connect(URI api, Path stateDir) throws IOException {
        return connect(CodexClientConfig.builder(api).build(), stateDir);
    }

    /** A backend talking to the Codex node the configuration names (prefix, timeouts, retries). */
    public static ConnectedCodex connect(CodexClientConfig config, Path stateDir) throws IOException {
        return connect(config, stateDir, Optional.empty());
    }

    /**
     * As {@link #connect(CodexClientConfig, Path)}, with the community cipher, which carries an encrypted
     * community's index over when the node is upgraded to another line.
     */
    public static ConnectedCodex connect(CodexClientConfig config, Path stateDir, Optional<ArchiveCipher> cipher)
            throws IOException {
        CodexClient client = CodexClient.create(config);
        try {
            return new ConnectedCodex(client, new CodexBackend(client, stateDir, DEFAULT_REFRESH, Clock.systemUTC(),
                    cipher));
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** A backend and the client it owns. */
    public static final class ConnectedCodex implements AutoCloseable {
        private final CodexClient client;
        private final StorageBackend backend;

        private ConnectedCodex(CodexClient client, StorageBackend backend) {
            this.client = client;
            this.backend = backend;
        }

        public StorageBackend backend() {
            return backend;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
