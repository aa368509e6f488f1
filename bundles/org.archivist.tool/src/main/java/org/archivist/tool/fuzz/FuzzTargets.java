package org.archivist.tool.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.IndexCodec;
import org.archivist.storage.codex.cid.Cid;
import org.archivist.storage.codex.cid.CodexManifest;
import org.archivist.storage.codex.cid.Multicodec;
import org.archivist.tool.archive.Ciphers;

/**
 * Every decoder the tool fuzzes, through exported packages: the index, an archive, the hash-ratchet envelope
 * (opened and decrypted), a Codex manifest and a CID here; bencode, a torrent, a magnet link and an
 * announcement in {@link LinkFuzzTargets}; the reference host's channel frame and signed message in
 * {@link HostFuzzTargets}.
 */
public final class FuzzTargets {
    static final CommunityId COMMUNITY = CommunityId.of("0x03" + "cd".repeat(32));
    private static final long JAN_1 = 1577836800L;
    private static final List<ContentTopic> TOPICS = List.of(ContentTopic.of("aabbccdd"), ContentTopic.of("01020304"));
    private static final DecodeLimits LIMITS = new DecodeLimits(16 << 20, 16 << 20, 100_000, 30_000_000);

    private FuzzTargets() {
    }

    public static List<FuzzTarget> all() {
        List<FuzzTarget> all = new ArrayList<>(List.of(index(), archive(), envelope(), manifest(), cid()));
        all.addAll(LinkFuzzTargets.all());
        all.addAll(HostFuzzTargets.all());
        return all;
    }

    public static Optional<FuzzTarget> named(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static ArchiveMetadata metadata(int week) {
        return new ArchiveMetadata(TimeRange.of(JAN_1 + week * 604800L, JAN_1 + (week + 1) * 604800L), TOPICS);
    }

    private static List<ArchivedMessage> messages(int n) {
        List<ArchivedMessage> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new ArchivedMessage(new byte[65], JAN_1 + i, TOPICS.get(i % 2), new byte[] {1, 2, (byte) i},
                    new byte[] {0}, new byte[] {(byte) i, 9}, i == 1 ? "discord" : ""));
        }
        return list;
    }

    static FuzzTarget index() {
        return new SimpleTarget("index", InvalidArchiveException.class) {
            @Override
            public List<byte[]> seeds() {
                List<IndexEntry> bt = List.of(ArchiveIds.entry(metadata(0), new PieceRange(0, 102400, 100)),
                        ArchiveIds.entry(metadata(1), new PieceRange(102400, 204800, 7)));
                List<IndexEntry> codex = List.of(ArchiveIds.entry(metadata(0), new ContentAddress("zDvZRwzmA1")));
                return List.of(IndexCodec.encode(IndexCodec.Shape.PIECE_RANGES, bt),
                        IndexCodec.encode(IndexCodec.Shape.CONTENT_ADDRESSES, codex), new byte[0]);
            }

            @Override
            public void decode(byte[] input) throws Exception {
                IndexCodec.decode(input, LIMITS);
            }
        };
    }

    static FuzzTarget archive() {
        return new SimpleTarget("archive", InvalidArchiveException.class) {
            @Override
            public List<byte[]> seeds() {
                return List.of(ArchiveCodec.encode(metadata(0), messages(3)), ArchiveCodec.encode(metadata(2), List.of()));
            }

            @Override
            public void decode(byte[] input) throws Exception {
                ArchiveCodec.decode(input, LIMITS);
            }
        };
    }

    static FuzzTarget envelope() {
        ArchiveCipher cipher;
        try {
            cipher = Ciphers.fromFlag(Optional.of("42".repeat(32))).orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new SimpleTarget("envelope", InvalidArchiveException.class, CipherException.class) {
            @Override
            public List<byte[]> seeds() throws Exception {
                return List.of(ArchiveEnvelope.seal(COMMUNITY, ArchiveCodec.encode(metadata(0), messages(2)), cipher),
                        ArchiveEnvelope.seal(COMMUNITY, new byte[] {1, 2, 3}, cipher));
            }

            @Override
            public void decode(byte[] input) throws Exception {
                ArchiveEnvelope.isSealed(input);
                // as a member reads a blob: unsealed when it is an envelope, then decoded as an archive
                ArchiveCodec.decode(ArchiveEnvelope.unseal(COMMUNITY, input, Optional.of(cipher)), LIMITS);
            }
        };
    }

    static FuzzTarget manifest() {
        return new SimpleTarget("manifest", IllegalArgumentException.class) {
            @Override
            public List<byte[]> seeds() {
                Cid tree = Cid.of(Multicodec.CODEX_ROOT, new byte[32]);
                return List.of(new CodexManifest(tree, 65536, 123_456, "index", "application/octet-stream").encode(),
                        new CodexManifest(tree, 65536, 1, "", "").encode());
            }

            @Override
            public void decode(byte[] input) {
                CodexManifest.decode(input);
            }
        };
    }

    static FuzzTarget cid() {
        return new SimpleTarget("cid", IllegalArgumentException.class) {
            @Override
            public List<byte[]> seeds() {
                Cid manifest = Cid.of(Multicodec.CODEX_MANIFEST, new byte[32]);
                return List.of(manifest.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "zDvZRwzmA1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public void decode(byte[] input) {
                Cid.parse(new String(input, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        };
    }
}
