package org.archivist.tool.migrate;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.archivist.api.storage.StorageBackend;
import org.archivist.storage.codex.CodexBackends;
import org.archivist.storage.codex.client.CodexClientConfig;

/**
 * The Codex backend the offline migration writes through, over its own state directory (which a node's Codex
 * backend can then be pointed at). Built through the exported
 * {@link CodexBackends} entry point.
 */
final class CodexTarget implements AutoCloseable {
    private final CodexBackends.ConnectedCodex codex;

    private CodexTarget(CodexBackends.ConnectedCodex codex) {
        this.codex = codex;
    }

    static CodexTarget open(URI node, Optional<String> apiPrefix, Path stateDir) throws IOException {
        CodexClientConfig.Builder config = CodexClientConfig.builder(node);
        apiPrefix.ifPresent(config::apiPrefix);
        return new CodexTarget(CodexBackends.connect(config.build(), stateDir));
    }

    StorageBackend backend() {
        return codex.backend();
    }

    @Override
    public void close() {
        codex.close();
    }
}
