package org.archivist.storage.codex.content;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.archivist.api.content.BlobStore;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.internal.CodexBlobStore;

/** The supported way to build a Codex {@link BlobStore} outside OSGi. */
public final class CodexBlobStores {
    /** How often a kept blob is stored again on the node by default (the node's TTL is 30 days by default). */
    public static final Duration DEFAULT_REFRESH = Duration.ofDays(7);

    private CodexBlobStores() {
    }

    /** A blob store on the node the configuration names, keeping its copies under {@code dir}; close it. */
    public static ConnectedBlobStore connect(CodexClientConfig config, Path dir) throws IOException {
        return connect(config, dir, DEFAULT_REFRESH, Clock.systemUTC());
    }

    /**
     * As {@link #connect(CodexClientConfig, Path)}, storing each kept blob again every {@code refresh} as
     * {@code clock} tells (a test's clock shared with an emulator). {@link BlobStore#refreshDue()} does it; in OSGi
     * the component's timer calls it, outside OSGi whoever runs the store (the file service does).
     *
     * @since 1.1
     */
    public static ConnectedBlobStore connect(CodexClientConfig config, Path dir, Duration refresh, Clock clock)
            throws IOException {
        CodexClient client = CodexClient.create(config);
        try {
            CodexBlobStore store = new CodexBlobStore(client, dir, refresh, clock);
            store.probe();
            return new ConnectedBlobStore(client, store);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** A blob store and the client it owns. */
    public static final class ConnectedBlobStore implements AutoCloseable {
        private final CodexClient client;
        private final BlobStore store;

        private ConnectedBlobStore(CodexClient client, BlobStore store) {
            this.client = client;
            this.store = store;
        }

        public BlobStore store() {
            return store;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
