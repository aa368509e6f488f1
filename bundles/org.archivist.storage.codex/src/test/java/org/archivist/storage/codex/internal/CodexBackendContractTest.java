package org.archivist.storage.codex.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.testkit.StorageBackendContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit's contract against two emulated Codex nodes of the {@code /api/codex/v1} line: the member's node
 * fetches from the owner's. Subclasses run it on the current line and against a real node.
 */
class CodexBackendContractTest extends StorageBackendContract {
    @TempDir
    Path tmp;
    private CodexEmulator ownerNode;
    private CodexEmulator memberNode;
    private CodexClient ownerClient;
    private CodexClient memberClient;
    private CodexBackend owner;
    private CodexBackend member;

    @BeforeEach
    void start() throws Exception {
        ownerNode = CodexEmulator.start(EmulatorConfig.builder().apiPrefix(prefix()).build());
        memberNode = CodexEmulator.start(EmulatorConfig.builder().apiPrefix(prefix()).peer(ownerNode.baseUri()).build());
        ownerClient = client(ownerNode);
        memberClient = client(memberNode);
        owner = new CodexBackend(ownerClient, tmp.resolve("owner"), Duration.ofDays(7), Clock.systemUTC());
        member = new CodexBackend(memberClient, tmp.resolve("member"), Duration.ofDays(7), Clock.systemUTC());
        owner.probe();
        member.probe();
    }

    @AfterEach
    void stop() {
        memberClient.close();
        ownerClient.close();
        memberNode.close();
        ownerNode.close();
    }

    /** The emulated nodes' line. */
    String prefix() {
        return EmulatorConfig.CODEX_PREFIX;
    }

    private static CodexClient client(CodexEmulator node) {
        return CodexClient.create(CodexClientConfig.builder(node.baseUri()).maxAttempts(2)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build());
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
