package org.archivist.storage.codex.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Random;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.ArchiveSizeLookup;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member asks an archive's size of its node's manifest before fetching it (for the node's storage limit). */
class CodexArchiveSizeTest {
    private static final CommunityId COMMUNITY = CommunityId.of("0x02" + "cd".repeat(32));

    @TempDir
    Path tmp;

    private static CodexClient client(CodexEmulator node) {
        return CodexClient.create(CodexClientConfig.builder(node.baseUri()).maxAttempts(2)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build());
    }

    @Test
    void theSizeComesFromTheManifestBeforeAnyBlockIsFetched() throws Exception {
        byte[] archive = new byte[150_000];
        new Random(1).nextBytes(archive);
        try (CodexEmulator ownerNode = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                .blockRetries(1).build()); CodexClient ownerClient = client(ownerNode)) {
            CodexBackend owner = new CodexBackend(ownerClient, tmp.resolve("owner"), Duration.ofDays(7),
                    Clock.systemUTC());
            String link;
            ArchiveLocation at;
            try (PublishSession session = owner.beginPublish(COMMUNITY)) {
                at = session.append(archive);
                link = session.commit("index".getBytes(StandardCharsets.UTF_8));
            }
            try (CodexEmulator memberNode = CodexEmulator.start(EmulatorConfig.builder()
                    .maintenanceInterval(Duration.ZERO).blockRetries(2).retryDelay(Duration.ofMillis(10))
                    .peer(ownerNode.baseUri()).build()); CodexClient memberClient = client(memberNode)) {
                CodexBackend member = new CodexBackend(memberClient, tmp.resolve("member"), Duration.ofDays(7),
                        Clock.systemUTC());
                try (ArchiveDownload download = member.download(COMMUNITY, link)) {
                    ArchiveSizeLookup sizes = assertInstanceOfLookup(download);
                    assertEquals(OptionalLong.of(150_000), sizes.archiveSize(at));
                    assertTrue(memberClient.space().quotaUsedBytes() < 65_536,
                            "asking the size fetched no data block: " + memberClient.space());
                    assertEquals(OptionalLong.empty(), sizes.archiveSize(new ArchiveLocation.PieceRange(0, 10, 1)),
                            "a location that is not a CID has no size here");
                    assertArrayEquals(archive, download.archive(at, (done, total) -> { }));
                    assertTrue(memberClient.space().quotaUsedBytes() >= 150_000, "the fetch stored the blocks");
                }
            }
        }
    }

    @Test
    void aCidNobodyServesFailsWithAStorageError() throws Exception {
        try (CodexEmulator node = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                .blockRetries(1).retryDelay(Duration.ofMillis(10)).build()); CodexClient c = client(node)) {
            CodexBackend member = new CodexBackend(c, tmp.resolve("m"), Duration.ofDays(7), Clock.systemUTC());
            try (ArchiveDownload download = member.download(COMMUNITY,
                    "zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy")) {
                ArchiveSizeLookup sizes = assertInstanceOfLookup(download);
                StorageException e = assertThrows(StorageException.class, () -> sizes.archiveSize(
                        new ArchiveLocation.ContentAddress("zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy")));
                assertTrue(e.getMessage().contains("manifest"), e.getMessage());
            }
        }
    }

    private static ArchiveSizeLookup assertInstanceOfLookup(ArchiveDownload download) {
        assertTrue(download instanceof ArchiveSizeLookup, "a Codex download tells archive sizes");
        return (ArchiveSizeLookup) download;
    }
}
