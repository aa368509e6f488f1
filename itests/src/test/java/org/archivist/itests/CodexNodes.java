package org.archivist.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;

/**
 * Two emulated Codex nodes on loopback, the member's fetching blocks from the owner's, running in the test
 * JVM (driver side) until it exits. Only their base URLs cross into the containers.
 */
final class CodexNodes {
    final String ownerUrl;
    final String memberUrl;

    private CodexNodes(String ownerUrl, String memberUrl) {
        this.ownerUrl = ownerUrl;
        this.memberUrl = memberUrl;
    }

    static CodexNodes start(Path dir) {
        try {
            CodexEmulator owner = CodexEmulator.start(EmulatorConfig.builder().dataDir(dir.resolve("owner")).build());
            CodexEmulator member = CodexEmulator.start(EmulatorConfig.builder().dataDir(dir.resolve("member"))
                    .peer(owner.baseUri()).build());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                member.close();
                owner.close();
            }));
            return new CodexNodes(owner.baseUri().toString(), member.baseUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Codex emulators", e);
        }
    }
}
