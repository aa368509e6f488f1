package org.archivist.content.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.archivist.api.CommunityId;
import org.archivist.api.content.CommunityDescription;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.TransferInfo;
import org.archivist.api.content.TransferState;
import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.content.DescriptionServices;
import org.archivist.content.FileServices;
import org.archivist.host.reference.HostContent;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.content.CodexBlobStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference host's file and description paths end to end on the real services: a control node and a member,
 * each with its reference host (signed messages over the loopback channel), Codex emulator, file service and
 * description service. The owner publishes on two storage types, the member runs one of them.
 */
class HostContentTest {
    /** A second storage type on the owner (the same Codex node), which the member does not run. */
    private static final String OTHER = "other";

    @TempDir
    Path tmp;

    @Test
    void aFileSentInAChatMessageAndEachNewDescriptionReachTheMemberByThemselves() throws Exception {
        try (CodexEmulator ownerNode = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                .build());
                CodexEmulator memberNode = CodexEmulator.start(EmulatorConfig.builder()
                        .maintenanceInterval(Duration.ZERO).peer(ownerNode.baseUri()).build());
                var ownerCodex = CodexBlobStores.connect(config(ownerNode), tmp.resolve("owner-codex"));
                var ownerOther = CodexBlobStores.connect(config(ownerNode), tmp.resolve("owner-other"));
                var memberCodex = CodexBlobStores.connect(config(memberNode), tmp.resolve("member-codex"));
                ReferenceNode memberHost = ReferenceNode.loopback(tmp.resolve("member-host"), "member", List.of());
                ReferenceNode ownerHost = ReferenceNode.loopback(tmp.resolve("owner-host"), "owner",
                        List.of("127.0.0.1:" + memberHost.channelPort()));
                var ownerFiles = FileServices.builder(tmp.resolve("owner-files")).store(OTHER, ownerOther.store())
                        .store(StorageBackend.CODEX, ownerCodex.store()).host(ownerHost.cipher(),
                                ownerHost.directory()).start();
                var memberFiles = FileServices.builder(tmp.resolve("member-files"))
                        .store(StorageBackend.CODEX, memberCodex.store()).host(memberHost.cipher(),
                                memberHost.directory()).fetchRetries(3, Duration.ofMillis(50)).start();
                var ownerDescriptions = DescriptionServices.builder(ownerFiles.service(), ownerHost.channel(),
                        tmp.resolve("owner-desc")).storageTypes(List.of(OTHER, StorageBackend.CODEX)).start();
                var memberDescriptions = DescriptionServices.builder(memberFiles.service(), memberHost.channel(),
                        tmp.resolve("member-desc")).retries(Duration.ofMillis(100), Duration.ofSeconds(1)).start()) {
            byte[] key = ReferenceNode.newCommunityKey(new SecureRandom());
            byte[] groupKey = new byte[32];
            new SecureRandom().nextBytes(groupKey);
            var material = new ReferenceNode.GroupKeyMaterial(1_700_000_000_000L, groupKey);
            CommunityId community = ownerHost.own(key, ReferenceNode.topicsOf(ReferenceNode.communityIdOf(key),
                    "general"), material);
            memberHost.join(community, ReferenceNode.topicsOf(community, "general"), material);
            List<String> types = List.of(OTHER, StorageBackend.CODEX);
            HostContent owner = ownerHost.content(ownerFiles.service(), ownerDescriptions.service(), types);
            HostContent member = memberHost.content(memberFiles.service(), memberDescriptions.service(), List.of());
            memberDescriptions.addListener(member.descriptionListener());

            byte[] bytes = new byte[700_000];
            new Random(7).nextBytes(bytes);
            Path file = tmp.resolve("minutes.pdf");
            Files.write(file, bytes);
            HostContent.SentFile sent = owner.sendFile(community, file);
            assertEquals(types, sent.links().stream().map(FileLink::storageType).toList(), "one link per type");
            assertTrue(sent.links().get(0).encryptedFor().isPresent(), "encrypted community: encrypted file");

            await(() -> !member.receivedFiles().isEmpty(), "the file message arrives");
            HostContent.ReceivedFile received = member.receivedFiles().get(0);
            assertEquals("minutes.pdf", received.filename());
            assertEquals(Optional.of(sent.links().get(1)), received.link(), "the link of the type the member runs");
            Path got = received.fetch().orElseThrow().result().get(60, TimeUnit.SECONDS);
            assertArrayEquals(bytes, Files.readAllBytes(got), "fetched, verified and decrypted by itself");

            TransferInfo publish = ownerFiles.service().transfers().get(0);
            assertEquals(TransferInfo.Direction.PUBLISH, publish.direction());
            assertEquals("minutes.pdf", publish.name());
            TransferInfo fetch = memberFiles.service().transfers().get(0);
            assertEquals(TransferInfo.Direction.FETCH, fetch.direction());
            assertEquals(TransferState.DONE, fetch.state());
            assertEquals(Optional.of(sent.links().get(1)), fetch.link());

            owner.publishDescription(community, 10, "v10".getBytes());
            owner.publishDescription(community, 11, "v11".getBytes());
            await(() -> member.newestDescription(community).map(d -> d.clock() == 11).orElse(false),
                    "the newest description reaches the member's host");
            CommunityDescription d = member.newestDescription(community).orElseThrow();
            assertArrayEquals("v11".getBytes(), d.bytes());
            assertEquals(StorageBackend.CODEX, d.link().storageType());
            assertEquals(11, memberDescriptions.service().latest(community).orElseThrow().clock());
        }
    }

    @Test
    void aFileMessageNotSignedByTheCommunityIsIgnored() throws Exception {
        org.archivist.host.reference.InProcessNetwork network = new org.archivist.host.reference.InProcessNetwork();
        try (CodexEmulator node = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                .build());
                var codex = CodexBlobStores.connect(config(node), tmp.resolve("codex"));
                ReferenceNode memberHost = network.node(tmp.resolve("member-host"), "member");
                var files = FileServices.builder(tmp.resolve("files")).store(StorageBackend.CODEX, codex.store())
                        .start();
                var descriptions = DescriptionServices.builder(files.service(), memberHost.channel(),
                        tmp.resolve("desc")).start()) {
            byte[] key = ReferenceNode.newCommunityKey(new SecureRandom());
            CommunityId community = ReferenceNode.communityIdOf(key);
            memberHost.join(community, ReferenceNode.topicsOf(community, "general"), null);
            HostContent member = memberHost.content(files.service(), descriptions.service(), List.of());
            Files.write(tmp.resolve("x.bin"), new byte[] {1, 2, 3});
            String link = codex.store().linkOf(tmp.resolve("x.bin"));
            byte[] message = ("archivist-file-message/1\nx.bin\narchivist-file:codex;3;-;" + link)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String chat = org.archivist.host.reference.InProcessNetwork.archiveChat(community);

            network.sendSigned(chat, 4303, message, ReferenceNode.newCommunityKey(new SecureRandom()));
            assertEquals(List.of(), member.receivedFiles(), "signed by someone else: ignored");
            network.sendSigned(chat, 4303, "archivist-file-message/1\nno links".getBytes(), key);
            assertEquals(List.of(), member.receivedFiles(), "malformed: ignored");

            network.sendSigned(chat, 4303, message, key); // delivered on this thread: no wait
            assertEquals(1, member.receivedFiles().size(), "signed by the community: taken");
            assertEquals("x.bin", member.receivedFiles().get(0).filename());
            assertTrue(member.receivedFiles().get(0).fetch().isPresent(), "and its fetch started");
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within 60 s");
            }
            Thread.sleep(20);
        }
    }

    private static CodexClientConfig config(CodexEmulator node) {
        return CodexClientConfig.builder(node.baseUri()).maxAttempts(2).backoff(Duration.ofMillis(10),
                Duration.ofMillis(50)).build();
    }
}
