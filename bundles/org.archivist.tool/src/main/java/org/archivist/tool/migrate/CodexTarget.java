package org.archivist.tool.migrate;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.archivist.api.storage.StorageBackend;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.internal.CodexBackend;

/**
 * The Codex backend the offline migration writes through, over its own state directory (which a node's Codex
 * backend can then be pointed at). TODO(spi): built through the exported node-wiring API once it is on main.
 */
final class CodexTarget implements AutoCloseable {
    private final CodexClient client;
    private final StorageBackend backend;

    private CodexTarget(CodexClient client, StorageBackend backend) {
        this.client = client;
        this.backend = backend;
    }

    static CodexTarget open(URI node, Optional<String> apiPrefix, Path stateDir) throws IOException {
        CodexClientConfig.Builder config = CodexClientConfig.builder(node);
        apiPrefix.ifPresent(config::apiPrefix);
        CodexClient client = CodexClient.create(config.build());
        try {
            return new CodexTarget(client, new CodexBackend(client, stateDir, Duration.ofDays(7), Clock.systemUTC()));
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    StorageBackend backend() {
        return backend;
    }

    @Override
    public void close() {
        client.close();
    }
}
