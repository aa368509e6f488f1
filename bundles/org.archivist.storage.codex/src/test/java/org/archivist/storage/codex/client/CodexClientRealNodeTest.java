package org.archivist.storage.codex.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The contract against a real Codex node at {@code CODEX_API_URL} (e.g. http://127.0.0.1:8080); skipped without. */
class CodexClientRealNodeTest extends CodexClientContract {
    private static CodexClient client;

    @BeforeAll
    static void connect() {
        String url = System.getenv("CODEX_API_URL");
        if (url != null && !url.isBlank()) {
            client = CodexClient.create(URI.create(url));
        }
    }

    @BeforeEach
    void requireNode() {
        assumeTrue(client != null,
                "CODEX_API_URL is not set: the real-node tests are skipped (the emulator runs the same contract)");
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    CodexClient client() {
        return client;
    }
}
