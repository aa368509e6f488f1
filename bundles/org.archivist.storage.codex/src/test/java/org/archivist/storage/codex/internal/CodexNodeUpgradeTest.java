package org.archivist.storage.codex.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.PublishSession;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.storage.codex.cid.CodexLine;
import org.archivist.storage.codex.cid.ContentKey;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node upgrade from the {@code /api/codex/v1} line to {@code /api/storage/v1}: the same data directory (so the
 * same blocks), every manifest CID different. The backend's content-keyed state keeps the set known, seeded and
 * refreshed; no data block is stored again (the new node only gets its own manifests), members on the new line
 * fetch and verify everything, and state files of the first format (keyed on manifest CIDs) are converted.
 */
class CodexNodeUpgradeTest {
    private static final CommunityId COMMUNITY = CommunityId.of("0x02" + "cd".repeat(32));
    private static final IndexCidLinkFormat FORMAT = IndexCidLinkFormat.INSTANCE;

    @TempDir
    Path tmp;
    private final CodexBackendTest.TestClock clock = new CodexBackendTest.TestClock();
    private final List<IndexEntry> entries = new ArrayList<>();

    private CodexEmulator node(String prefix) throws Exception {
        return CodexEmulator.start(EmulatorConfig.builder().apiPrefix(prefix).dataDir(tmp.resolve("node-data"))
                .clock(clock).maintenanceInterval(Duration.ZERO).blockRetries(1).build());
    }

    private static CodexClient client(CodexEmulator node) {
        // the line is detected from /debug/info, as a backend that was not told finds it
        return CodexClient.create(CodexClientConfig.builder(node.baseUri()).maxAttempts(2)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build());
    }

    private Optional<ArchiveCipher> cipher = Optional.empty();

    private CodexBackend backend(CodexClient client) throws Exception {
        return new CodexBackend(client, tmp.resolve("state"), Duration.ofDays(7), clock, cipher);
    }

    /** A stand-in for the community cipher: XOR with a fixed byte and a random tag, so every sealing differs. */
    private static final class XorCipher implements ArchiveCipher {
        private final Random random = new Random(3);

        @Override
        public HashRatchetCiphertext encrypt(CommunityId community, byte[] plaintext) {
            byte[] out = java.util.Arrays.copyOf(plaintext, plaintext.length + 4);
            for (int i = 0; i < plaintext.length; i++) {
                out[i] ^= 0x5a;
            }
            for (int i = plaintext.length; i < out.length; i++) {
                out[i] = (byte) random.nextInt();
            }
            return new HashRatchetCiphertext("test", community.bytes(), new byte[32], 0, 1, out);
        }

        @Override
        public byte[] decrypt(CommunityId community, HashRatchetCiphertext c) {
            byte[] p = java.util.Arrays.copyOf(c.payload(), c.payload().length - 4);
            for (int i = 0; i < p.length; i++) {
                p[i] ^= 0x5a;
            }
            return p;
        }
    }

    private byte[] open(byte[] index) throws Exception {
        return ArchiveEnvelope.unseal(COMMUNITY, index, cipher);
    }

    private byte[] close(byte[] plain) throws Exception {
        return cipher.isPresent() ? ArchiveEnvelope.seal(COMMUNITY, plain, cipher.get()) : plain;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Appends archives and commits a real (plain) Codex index listing every archive so far. */
    private String publish(CodexBackend backend, long from, byte[]... blobs) throws Exception {
        try (PublishSession session = backend.beginPublish(COMMUNITY)) {
            List<IndexEntry> all = new ArrayList<>(session.existingIndex().map(i -> {
                try {
                    return FORMAT.decodeIndex(open(i), 1000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).orElse(List.of()));
            long t = from;
            for (byte[] blob : blobs) {
                ArchiveLocation at = session.append(blob);
                ArchiveMetadata m = new ArchiveMetadata(TimeRange.of(t, t + 3600), List.of(ContentTopic.of("0a0b0c0d")));
                all.add(new IndexEntry(FORMAT.archiveId(m, at), m, at));
                t += 3600;
            }
            entries.clear();
            entries.addAll(all);
            return session.commit(close(FORMAT.encodeIndex(all)));
        }
    }

    @Test
    void anUpgradedNodeKeepsTheSetByContentWithoutStoringItsBlocksAgain() throws Exception {
        byte[][] blobs = {bytes(150_000, 1), bytes(70_000, 2), bytes(9_000, 3)};
        String oldLink;
        List<String> oldCids;
        try (CodexEmulator v1 = node(EmulatorConfig.CODEX_PREFIX); CodexClient c = client(v1)) {
            CodexBackend owner = backend(c);
            publish(owner, 0, blobs[0], blobs[1]);
            oldLink = publish(owner, 7200, blobs[2]);
            oldCids = new CodexStateView().archiveCids();
        }
        assertEquals(3, oldCids.size());

        try (CodexEmulator v2 = node(EmulatorConfig.STORAGE_PREFIX); CodexClient c = client(v2)) {
            long blocksBefore = v2.blockCount();
            CodexBackend owner = backend(c);
            String newLink = owner.currentLink(COMMUNITY).orElseThrow();
            assertNotEquals(oldLink, newLink, "the storage line gives the index another manifest CID");
            CommunityState state = new CodexStateView().state();
            assertEquals(CodexLine.STORAGE_V1, state.line());
            assertEquals(3, state.archives().size(), "every archive is still known");
            for (int i = 0; i < 3; i++) {
                assertEquals(ContentKey.of(new java.io.ByteArrayInputStream(blobs[i]), 65536),
                        state.archives().get(i).key(), "content keys survive the upgrade");
                assertNotEquals(oldCids.get(i), state.archives().get(i).cid());
            }

            owner.seed(COMMUNITY);
            assertEquals(4, v2.uploadCount(), "one upload per dataset, for the new line's manifest only");
            assertEquals(blocksBefore + 4 + 1, v2.blockCount(), "no archive block stored again: the node only gains"
                    + " the 4 manifests of its line and the one block of the index rewritten with the new CIDs");
            owner.seed(COMMUNITY);
            assertEquals(4, v2.uploadCount(), "a second seed finds everything on the node");

            // a member on the new line fetches the relocated index and verifies every archive
            try (CodexEmulator memberNode = CodexEmulator.start(EmulatorConfig.builder()
                    .apiPrefix(EmulatorConfig.STORAGE_PREFIX).maintenanceInterval(Duration.ZERO).blockRetries(2)
                    .retryDelay(Duration.ofMillis(10)).peer(v2.baseUri()).build());
                    CodexClient mc = client(memberNode)) {
                CodexBackend member = new CodexBackend(mc, tmp.resolve("member"), Duration.ofDays(7), clock);
                try (ArchiveDownload dl = member.download(COMMUNITY, newLink)) {
                    byte[] index = dl.index();
                    assertEquals(cipher.isPresent(), ArchiveEnvelope.isSealed(index), "sealed as before");
                    List<IndexEntry> listed = FORMAT.decodeIndex(open(index), 1000);
                    assertEquals(3, listed.size());
                    for (int i = 0; i < 3; i++) {
                        assertEquals(state.archives().get(i).cid(),
                                ((ArchiveLocation.ContentAddress) listed.get(i).location()).cid());
                        assertArrayEquals(blobs[i], dl.archive(listed.get(i).location(), (d, t) -> { }));
                    }
                }
            }

            // publishing goes on from the carried-over index; the refresh still runs
            publish(owner, 10800, bytes(5_000, 4));
            assertEquals(4, new CodexStateView().state().archives().size());
            assertEquals(4, entries.size());
            clock.advance(Duration.ofDays(8));
            assertTrue(owner.refreshDue(COMMUNITY));
        }
    }

    @Test
    void anEncryptedCommunitysIndexIsOpenedAndSealedAgainForTheNewLine() throws Exception {
        cipher = Optional.of(new XorCipher());
        anUpgradedNodeKeepsTheSetByContentWithoutStoringItsBlocksAgain();
    }

    @Test
    void aFirstFormatStateFileIsConvertedOnLoad() throws Exception {
        byte[][] blobs = {bytes(80_000, 5), bytes(1_000, 6)};
        try (CodexEmulator v1 = node(EmulatorConfig.CODEX_PREFIX); CodexClient c = client(v1)) {
            String link = publish(backend(c), 0, blobs);
            CommunityState state = new CodexStateView().state();
            writeFirstFormat(state);

            CodexBackend restarted = backend(c);
            assertEquals(Optional.of(link), restarted.currentLink(COMMUNITY));
            CommunityState converted = new CodexStateView().state();
            assertEquals(state, converted);
            assertArrayEquals(blobs[1], restarted.readStored(COMMUNITY,
                    new ArchiveLocation.ContentAddress(converted.archives().get(1).cid())));
            long uploads = v1.uploadCount();
            restarted.seed(COMMUNITY);
            assertEquals(uploads, v1.uploadCount(), "the node holds everything: nothing uploaded");
            Path dir = tmp.resolve("state").resolve(COMMUNITY.hex());
            assertFalse(Files.exists(dir.resolve("blobs").resolve(state.archives().get(0).cid())),
                    "the old file names are gone");
        }
    }

    /** Rewrites the state as the first format kept it: manifest CIDs only, files named by them. */
    private void writeFirstFormat(CommunityState state) throws Exception {
        Path dir = tmp.resolve("state").resolve(COMMUNITY.hex());
        Properties p = new Properties();
        p.setProperty("index.cid", state.indexCid().orElseThrow());
        p.setProperty("archive.cids", String.join(",", state.archiveCids()));
        p.setProperty("seeded", "true");
        p.setProperty("refreshed.at", Long.toString(state.refreshedAtMillis()));
        try (var out = Files.newOutputStream(dir.resolve(CommunityStore.STATE))) {
            p.store(out, "first format");
        }
        Dataset index = state.index().orElseThrow();
        Files.move(dir.resolve("index-" + CommunityStore.fileName(index.key())), dir.resolve("index-" + index.cid()));
        for (Dataset d : state.archives()) {
            Files.move(dir.resolve("blobs").resolve(CommunityStore.fileName(d.key())), dir.resolve("blobs").resolve(d.cid()));
        }
        assertTrue(Files.readString(dir.resolve(CommunityStore.STATE), StandardCharsets.ISO_8859_1).contains("archive.cids"));
    }

    /** Reads the saved state without a node (as the line it was saved for). */
    private final class CodexStateView {
        CommunityState state() throws Exception {
            Path file = tmp.resolve("state").resolve(COMMUNITY.hex()).resolve(CommunityStore.STATE);
            Properties p = new Properties();
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            }
            return new CommunityStore(tmp.resolve("state")).load(COMMUNITY, CodexLine.valueOf(p.getProperty("line")));
        }

        List<String> archiveCids() throws Exception {
            return state().archiveCids();
        }
    }
}
