package org.archivist.migration.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.archivist.api.IndexEntry;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.DecodeLimits;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.migration.ArchiveSources;
import org.archivist.migration.MigrationException;
import org.archivist.migration.MigrationProgress;
import org.archivist.migration.MigrationReport;
import org.archivist.migration.Migrator;
import org.archivist.storage.codex.CodexBackends;
import org.archivist.storage.codex.client.CodexClientConfig;

/**
 * One migration scenario: a source set on disk, a Codex emulator behind a {@link CountingProxy}, the Codex
 * backend's state directory and the migration journal. Each {@link #run} is a fresh "process": a new client,
 * backend and migrator over the same directories.
 */
final class MigrationHarness implements AutoCloseable {
    final Path root;
    final ArchiveCipher cipher;
    final ArchiveDirectory source;
    final CodexEmulator node;
    CountingProxy proxy;
    private final List<CountingProxy> deadProxies = new ArrayList<>();
    private final List<CodexBackends.ConnectedCodex> connections = new ArrayList<>();
    CrashableBackend target;
    Duration readTimeout = Duration.ofSeconds(10);

    /** The reference host's hash-ratchet cipher with one fixed group key, so that a child JVM can decrypt too. */
    static final ArchiveCipher CIPHER = ReferenceNode.cipherWithKey(
            new ReferenceNode.GroupKeyMaterial(SourceFixture.START * 1000,
                    "archivist migration test key 32b".getBytes(StandardCharsets.US_ASCII)));

    MigrationHarness(Path root, int plainWeeks, int encryptedWeeks) throws Exception {
        this(root, SourceFixture.build(root.resolve("bittorrent"), plainWeeks, encryptedWeeks, CIPHER));
    }

    /** Over an existing source set (which a migration only reads). */
    MigrationHarness(Path root, ArchiveDirectory source) throws Exception {
        this.root = root;
        this.cipher = CIPHER;
        this.source = source;
        this.node = CodexEmulator.start(EmulatorConfig.builder().dataDir(root.resolve("node"))
                .maintenanceInterval(Duration.ZERO).build());
        this.proxy = new CountingProxy(node.baseUri());
    }

    /** A new process: the proxy is reachable again, the backend is new over the same state directory. */
    CrashableBackend restart() throws IOException {
        if (proxy.dead()) {
            deadProxies.add(proxy);
            proxy = new CountingProxy(node.baseUri());
        }
        CodexBackends.ConnectedCodex codex = CodexBackends.connect(CodexClientConfig.builder(proxy.uri())
                .maxAttempts(2).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).readTimeout(readTimeout)
                .requestTimeout(readTimeout.multipliedBy(3)).build(), root.resolve("codex-state"));
        connections.add(codex);
        target = new CrashableBackend(codex.backend());
        return target;
    }

    MigrationReport run(boolean dryRun, MigrationProgress progress) throws Exception {
        restart();
        return migrate(dryRun, progress);
    }

    MigrationReport migrate(boolean dryRun, MigrationProgress progress) throws MigrationException {
        return new Migrator(root.resolve("journal"), Optional.of(cipher), 1 << 20).migrate(SourceFixture.COMMUNITY,
                ArchiveSources.of(source), StorageBackend.CODEX, target, dryRun, progress);
    }

    long uploads() {
        return proxy.uploads() + deadProxies.stream().mapToLong(CountingProxy::uploads).sum();
    }

    /** What a member reading the CID index gets: the entries and each archive's bytes, fetched from the node. */
    record Fetched(List<IndexEntry> entries, List<byte[]> blobs, byte[] plainIndex) {
    }

    Fetched fetch(String link) throws Exception {
        StorageBackend member = restart();
        try (ArchiveDownload d = member.download(SourceFixture.COMMUNITY, link)) {
            byte[] plain = ArchiveEnvelope.unseal(SourceFixture.COMMUNITY, d.index(), Optional.of(cipher));
            List<IndexEntry> entries = member.linkFormat().decodeIndex(plain, DecodeLimits.DEFAULT.maxIndexEntries());
            List<byte[]> blobs = new ArrayList<>();
            for (IndexEntry e : entries) {
                blobs.add(d.archive(e.location(), (a, b) -> { }));
            }
            return new Fetched(entries, blobs, plain);
        }
    }

    @Override
    public void close() {
        connections.forEach(CodexBackends.ConnectedCodex::close);
        proxy.close();
        deadProxies.forEach(CountingProxy::close);
        node.close();
    }
}
