package org.archivist.content.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import org.archivist.api.CommunityId;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileMetadata;
import org.archivist.api.content.FileService;
import org.archivist.api.content.InvalidLinkException;
import org.archivist.api.content.PublishHandle;
import org.archivist.api.content.TransferState;
import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.content.FileServices;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.storage.bittorrent.content.BitTorrentBlobStores;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.content.CodexBlobStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file service on real blob stores (Codex emulators, embedded BitTorrent engines) with the reference host's
 * cipher: background publish, verified and decrypted fetch on another node, cancellation, a crash's outbox.
 */
class FileServiceTest {
    @TempDir
    Path tmp;
    private CodexEmulator senderNode;
    private CodexEmulator receiverNode;
    private CodexBlobStores.ConnectedBlobStore senderCodex;
    private CodexBlobStores.ConnectedBlobStore receiverCodex;
    private ReferenceNode senderHost;
    private ReferenceNode receiverHost;
    private CommunityId community;

    @BeforeEach
    void start() throws Exception {
        senderNode = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO).build());
        receiverNode = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                .blockRetries(2).retryDelay(Duration.ofMillis(10)).peer(senderNode.baseUri()).build());
        senderCodex = CodexBlobStores.connect(config(senderNode), tmp.resolve("sender-codex"));
        receiverCodex = CodexBlobStores.connect(config(receiverNode), tmp.resolve("receiver-codex"));
        senderHost = ReferenceNode.loopback(tmp.resolve("sender-host"), "sender", List.of());
        receiverHost = ReferenceNode.loopback(tmp.resolve("receiver-host"), "receiver", List.of());
        byte[] key = ReferenceNode.newCommunityKey(new SecureRandom());
        byte[] groupKey = new byte[32];
        new SecureRandom().nextBytes(groupKey);
        ReferenceNode.GroupKeyMaterial material = new ReferenceNode.GroupKeyMaterial(1_700_000_000_000L, groupKey);
        community = senderHost.own(key, ReferenceNode.topicsOf(ReferenceNode.communityIdOf(key), "general"), material);
        receiverHost.join(community, ReferenceNode.topicsOf(community, "general"), material);
    }

    @AfterEach
    void stop() throws Exception {
        senderCodex.close();
        receiverCodex.close();
        senderHost.close();
        receiverHost.close();
        receiverNode.close();
        senderNode.close();
    }

    private static CodexClientConfig config(CodexEmulator node) {
        return CodexClientConfig.builder(node.baseUri()).maxAttempts(2).backoff(Duration.ofMillis(10),
                Duration.ofMillis(50)).build();
    }

    private FileServices.Builder sender() {
        return FileServices.builder(tmp.resolve("sender-files")).store(StorageBackend.CODEX, senderCodex.store())
                .host(senderHost.cipher(), senderHost.directory()).fetchRetries(2, Duration.ofMillis(50));
    }

    private FileServices.Builder receiver() {
        return FileServices.builder(tmp.resolve("receiver-files")).store(StorageBackend.CODEX, receiverCodex.store())
                .host(receiverHost.cipher(), receiverHost.directory()).fetchRetries(2, Duration.ofMillis(50));
    }

    private Path file(String name, int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(tmp.resolve(name), b);
    }

    @Test
    void anEncryptedCommunitysFileIsStoredEncryptedAndReachesAMemberDecrypted() throws Exception {
        Path file = file("photo.jpg", 5 * 1024 * 1024 + 3, 1);
        try (var s = sender().start(); var r = receiver().start()) {
            PublishHandle handle = s.service().publish(file, FileMetadata.in(community, "photo.jpg"));
            FileLink link = handle.link().get(30, TimeUnit.SECONDS);
            assertEquals(Optional.of(community), link.encryptedFor());
            assertEquals(link, handle.result().get(60, TimeUnit.SECONDS));
            assertEquals(TransferState.DONE, handle.state());
            assertEquals(link.size(), handle.doneBytes());

            Path stored = tmp.resolve("as-stored.bin");
            senderCodex.store().fetch(link.link(), stored, (a, b) -> { },
                    org.archivist.api.content.CancelSignal.NEVER);
            assertFalse(java.util.Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(stored)),
                    "the node holds ciphertext, not the file");

            FileLink received = FileLink.parse(link.encode());
            var fetch = r.service().fetch(received);
            Path got = fetch.result().get(60, TimeUnit.SECONDS);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(got));
            assertEquals(TransferState.DONE, fetch.state());
            assertEquals(got, r.service().fetch(received).result().get(1, TimeUnit.SECONDS), "kept once fetched");
        }
    }

    @Test
    void aMemberWithoutTheKeyGetsAClearErrorAndNoFile() throws Exception {
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        receiverHost.join(community, ReferenceNode.topicsOf(community, "general"),
                new ReferenceNode.GroupKeyMaterial(1_700_000_000_001L, otherKey));
        Path file = file("secret.bin", 300_000, 3);
        try (var s = sender().start(); var r = receiver().start()) {
            PublishHandle handle = s.service().publish(file, FileMetadata.in(community, "secret.bin"));
            FileLink link = handle.result().get(60, TimeUnit.SECONDS);
            var fetch = r.service().fetch(FileLink.parse(link.encode()));
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> fetch.result().get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof ContentException, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("key"), e.getCause().getMessage());
            Path files = tmp.resolve("receiver-files").resolve("files");
            if (Files.isDirectory(files)) {
                try (var left = Files.list(files)) {
                    assertEquals(List.of(), left.toList(), "no plaintext, not even a part of it");
                }
            }
        }
    }

    @Test
    void aPlainFileFromBytesTravelsAsIs() throws Exception {
        byte[] bytes = Files.readAllBytes(file("notes.txt", 70_000, 2));
        try (var s = sender().start(); var r = receiver().start()) {
            FileLink link = s.service().publish(bytes, FileMetadata.plain("notes.txt")).result().get(30,
                    TimeUnit.SECONDS);
            assertEquals(Optional.empty(), link.encryptedFor());
            assertEquals(senderCodex.store().linkOf(tmp.resolve("notes.txt")), link.link(),
                    "a plain file's link is the CID of its bytes");
            assertArrayEquals(bytes, Files.readAllBytes(r.service().fetch(link).result().get(30, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aCancelledPublishEndsCancelledAndLeavesNothingPending() throws Exception {
        senderNode.faults().stallNext(1, 0).latency(0);
        senderNode.faults().hang(true);
        try (var s = sender().start()) {
            PublishHandle handle = s.service().publish(file("big.bin", 2 * 1024 * 1024, 3), FileMetadata.plain("b"));
            handle.link().get(30, TimeUnit.SECONDS);
            handle.cancel();
            assertThrows(CancellationException.class, () -> handle.result().get(5, TimeUnit.SECONDS));
            assertEquals(TransferState.CANCELLED, handle.state());
        } finally {
            senderNode.faults().clear();
        }
    }

    @Test
    void aPublishACrashInterruptedIsStoredAtTheNextStart() throws Exception {
        Path file = file("doc.pdf", 1_000_000, 4);
        FileLink link;
        senderNode.faults().hang(true);
        try (var s = sender().start()) {
            link = s.service().publish(file, FileMetadata.plain("doc.pdf")).link().get(30, TimeUnit.SECONDS);
        } // stopped while the node hangs: the upload never finished
        senderNode.faults().clear();
        assertFalse(senderCodex.store().kept().contains(link.link()));
        try (var s = sender().start(); var r = receiver().start()) {
            Path got = r.service().fetch(link).result().get(60, TimeUnit.SECONDS);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(got));
            assertTrue(senderCodex.store().kept().contains(link.link()));
        }
    }

    @Test
    void theSameServiceCarriesFilesOverBitTorrent() throws Exception {
        Path file = file("clip.mp4", 3 * 1024 * 1024, 5);
        try (var senderBt = BitTorrentBlobStores.embedded(tmp.resolve("sender-bt")).start();
                var receiverBt = BitTorrentBlobStores.embedded(tmp.resolve("receiver-bt")).start();
                var s = FileServices.builder(tmp.resolve("s")).store(StorageBackend.BITTORRENT, senderBt.store())
                        .host(senderHost.cipher(), senderHost.directory()).start();
                var r = FileServices.builder(tmp.resolve("r")).store(StorageBackend.BITTORRENT, receiverBt.store())
                        .host(receiverHost.cipher(), receiverHost.directory()).start()) {
            FileLink link = s.service().publish(file, FileMetadata.in(community, "clip.mp4")).result().get(60,
                    TimeUnit.SECONDS);
            assertTrue(link.link().startsWith("magnet:?xt=urn:btih:"), link.link());
            Path got = r.service().fetch(link).result().get(60, TimeUnit.SECONDS);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(got));
        }
    }

    @Test
    void atTheStorageLimitTheOldestFetchedCopiesGoThenTransfersAreRefused() throws Exception {
        try (var s = sender().start(); var r = receiver().maxBytes(3_000_000).start()) {
            FileLink a = s.service().publish(file("a", 1_000_000, 10), FileMetadata.plain("a")).result().get(30,
                    TimeUnit.SECONDS);
            FileLink b = s.service().publish(file("b", 1_000_000, 11), FileMetadata.plain("b")).result().get(30,
                    TimeUnit.SECONDS);
            FileLink c = s.service().publish(file("c", 1_500_000, 12), FileMetadata.plain("c")).result().get(30,
                    TimeUnit.SECONDS);
            FileLink d = s.service().publish(file("d", 3_500_000, 13), FileMetadata.plain("d")).result().get(30,
                    TimeUnit.SECONDS);
            Path pa = r.service().fetch(a).result().get(30, TimeUnit.SECONDS);
            Thread.sleep(20); // distinct modification times
            Path pb = r.service().fetch(b).result().get(30, TimeUnit.SECONDS);
            assertEquals(2_000_000, r.service().usage().usedBytes());
            Path pc = r.service().fetch(c).result().get(30, TimeUnit.SECONDS);
            assertFalse(Files.exists(pa), "the oldest fetched copy was released");
            assertTrue(Files.exists(pb) && Files.exists(pc));
            assertTrue(r.service().usage().usedBytes() <= 3_000_000);
            org.archivist.api.content.StorageLimitException full = assertThrows(
                    org.archivist.api.content.StorageLimitException.class, () -> r.service().fetch(d));
            assertTrue(full.retryable());
            assertTrue(r.service().usage().atLimit());
            assertThrows(org.archivist.api.content.StorageLimitException.class,
                    () -> r.service().publish(new byte[3_100_000], FileMetadata.plain("big")));
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a")), Files.readAllBytes(r.service().fetch(a).result()
                    .get(30, TimeUnit.SECONDS)), "a released copy is fetched again on demand");
            assertFalse(r.service().usage().atLimit());
        }
    }

    @Test
    void badInputIsATypedErrorAtOnce() throws Exception {
        try (var s = sender().start()) {
            FileService service = s.service();
            ContentException big = assertThrows(ContentException.class, () -> service.publish(
                    new byte[(int) FileService.MAX_FILE_BYTES + 1], FileMetadata.plain("x")));
            assertFalse(big.retryable());
            assertThrows(ContentException.class, () -> service.publish(new byte[1],
                    FileMetadata.plain("x").on("ipfs")));
            assertThrows(InvalidLinkException.class, () -> service.fetch(new FileLink("codex", "magnet:?xt=urn:btih:"
                    + "00".repeat(20), 10, Optional.empty())));
            assertThrows(InvalidLinkException.class, () -> FileLink.parse("archivist-file:codex;12"));
        }
    }
}
