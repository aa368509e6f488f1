package org.archivist.commands.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.DownloadProgress;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.member.ArchiveReader;
import org.junit.jupiter.api.Test;

class ArchiveVerifierTest {
    private static final CommunityId ID = CommunityId.of("0x02" + "ab".repeat(32));
    private static final ContentTopic TOPIC = ContentTopic.of("0a0b0c0d");

    @Test
    void soundArchivesPass() throws Exception {
        Fixture f = new Fixture();
        f.add(TimeRange.of(1000, 2000), List.of(message(1500, 1), message(1999, 2)));
        f.add(TimeRange.of(2000, 3000), List.of(message(2000, 3)));

        List<ArchiveCheck> checks = f.verify();

        assertEquals(2, checks.size());
        assertTrue(checks.stream().allMatch(ArchiveCheck::ok), checks.toString());
        assertEquals(3, checks.stream().mapToInt(ArchiveCheck::messages).sum());
    }

    @Test
    void aBlobThatIsNotTheIndexedArchiveFails() throws Exception {
        Fixture f = new Fixture();
        f.add(TimeRange.of(1000, 2000), List.of(message(1500, 1)));
        f.add(TimeRange.of(2000, 3000), List.of(message(2500, 2)));
        f.blobs.set(1, f.blobs.get(0)); // storage serves the first archive for the second

        List<ArchiveCheck> checks = f.verify();

        assertTrue(checks.get(0).ok());
        assertFalse(checks.get(1).ok());
        assertTrue(checks.get(1).problem().orElseThrow().contains("ArchiveMismatch"), checks.get(1).toString());
    }

    @Test
    void aMessageOutsideItsRangeFails() throws Exception {
        Fixture f = new Fixture();
        f.add(TimeRange.of(1000, 2000), List.of(message(2500, 1)));

        ArchiveCheck check = f.verify().get(0);

        assertFalse(check.ok());
        assertTrue(check.problem().orElseThrow().contains("outside"), check.toString());
    }

    @Test
    void anIndexNamingAnArchiveByAWrongIdIsRefused() throws Exception {
        Fixture f = new Fixture();
        f.add(TimeRange.of(1000, 2000), List.of(message(1500, 1)));
        f.wrongId = "0x" + "00".repeat(32); // the index file names the archive by another id

        org.archivist.api.InvalidArchiveException e = assertThrows(org.archivist.api.InvalidArchiveException.class,
                f::verify);
        assertTrue(e.getMessage().contains("is not the hash of its metadata"), e.getMessage());
    }

    @Test
    void noBackendForTheLinkIsAClearError() {
        ArchiveVerifier verifier = new ArchiveVerifier(Map.of(), Optional.empty(), new ArchiveReader());
        ArchivistException e = assertThrows(ArchivistException.class,
                () -> verifier.verify(ID, "magnet:?xt=urn:btih:" + "0".repeat(40), ArchiveVerifier.Listener.NONE));
        assertTrue(e.getMessage().contains("no running backend takes the link"), e.getMessage());
    }

    @Test
    void aLinkEveryBackendRefusesNamesTheRefusals() {
        Fixture f = new Fixture();
        ArchiveVerifier verifier = new ArchiveVerifier(Map.of(StorageBackend.CODEX, new FakeBackend(f)),
                Optional.empty(), new ArchiveReader());
        ArchivistException e = assertThrows(ArchivistException.class,
                () -> verifier.verify(ID, "magnet:?xt=urn:btih:" + "0".repeat(40), ArchiveVerifier.Listener.NONE));
        assertTrue(e.getMessage().contains("codex: not a CID"), e.getMessage());
    }

    private static ArchivedMessage message(long timestamp, int n) {
        byte[] hash = new byte[32];
        hash[0] = (byte) n;
        return new ArchivedMessage(new byte[65], timestamp, TOPIC, ("m" + n).getBytes(), new byte[0], hash, "");
    }

    /** A Codex-like store of archives: one content address per blob, an index listing them. */
    private static final class Fixture {
        final List<IndexEntry> entries = new ArrayList<>();
        final List<byte[]> blobs = new ArrayList<>();
        String wrongId;

        /** The index file; with {@link #wrongId}, the first archive's key replaced (same length, valid proto). */
        byte[] index() {
            byte[] index = IndexCidLinkFormat.INSTANCE.encodeIndex(entries);
            if (wrongId == null) {
                return index;
            }
            String text = new String(index, java.nio.charset.StandardCharsets.ISO_8859_1);
            return text.replace(entries.get(0).archiveId(), wrongId).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        void add(TimeRange range, List<ArchivedMessage> messages) {
            ArchiveMetadata metadata = new ArchiveMetadata(range, List.of(TOPIC));
            ArchiveLocation location = new ArchiveLocation.ContentAddress("cid-" + entries.size());
            entries.add(new IndexEntry(IndexCidLinkFormat.INSTANCE.archiveId(metadata, location), metadata, location));
            blobs.add(ArchiveCodec.encode(metadata, messages));
        }

        List<ArchiveCheck> verify() throws Exception {
            ArchiveVerifier verifier = new ArchiveVerifier(Map.of(StorageBackend.CODEX, new FakeBackend(this)),
                    Optional.empty(), new ArchiveReader());
            return verifier.verify(ID, "zDvIndexCid", ArchiveVerifier.Listener.NONE);
        }
    }

    private record FakeBackend(Fixture f) implements StorageBackend {
        @Override
        public LinkFormat linkFormat() {
            return IndexCidLinkFormat.INSTANCE;
        }

        @Override
        public BackendStatus status() {
            return BackendStatus.up(Map.of());
        }

        @Override
        public PublishSession beginPublish(CommunityId community) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> currentLink(CommunityId community) {
            return Optional.empty();
        }

        @Override
        public void seed(CommunityId community) {
        }

        @Override
        public void unseed(CommunityId community) {
        }

        @Override
        public ArchiveDownload download(CommunityId community, String link) throws StorageException {
            if (link.startsWith("magnet:")) {
                throw new StorageException("not a CID", false);
            }
            return new ArchiveDownload() {
                @Override
                public String link() {
                    return link;
                }

                @Override
                public byte[] index() {
                    return f.index();
                }

                @Override
                public byte[] archive(ArchiveLocation location, DownloadProgress progress) throws StorageException {
                    String cid = ((ArchiveLocation.ContentAddress) location).cid();
                    byte[] blob = f.blobs.get(Integer.parseInt(cid.substring(4)));
                    progress.bytes(blob.length, blob.length);
                    return blob;
                }

                @Override
                public void cancel() {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
