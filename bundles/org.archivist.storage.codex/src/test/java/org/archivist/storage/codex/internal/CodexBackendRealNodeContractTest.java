package org.archivist.storage.codex.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.archivist.api.storage.StorageBackend;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.testkit.StorageBackendContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit's backend contract against a real node of either line at {@code CODEX_API_URL} (the line is
 * detected); owner and member are two backends with their own state on that one node. Skipped without it.
 */
class CodexBackendRealNodeContractTest extends StorageBackendContract {
    @TempDir
    Path tmp;
    private CodexClient client;
    private CodexBackend owner;
    private CodexBackend member;

    @BeforeEach
    void connect() throws Exception {
        String url = System.getenv("CODEX_API_URL");
        assumeTrue(url != null && !url.isBlank(),
                "CODEX_API_URL is not set: the real-node contract is skipped (the emulators run the same contract)");
        client = CodexClient.create(URI.create(url));
        owner = new CodexBackend(client, tmp.resolve("owner"), Duration.ofDays(7), Clock.systemUTC());
        member = new CodexBackend(client, tmp.resolve("member"), Duration.ofDays(7), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    protected StorageBackend owner() {
        return owner;
    }

    @Override
    protected StorageBackend member() {
        return member;
    }
}
