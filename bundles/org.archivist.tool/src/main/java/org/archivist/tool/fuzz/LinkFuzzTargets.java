package org.archivist.tool.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.archivist.api.InvalidArchiveException;
import org.archivist.api.storage.Announcement;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.core.link.StatusAnnouncements;
import org.archivist.storage.bittorrent.Bencoding;
import org.archivist.storage.bittorrent.InvalidTorrentException;
import org.archivist.storage.bittorrent.MagnetUri;
import org.archivist.storage.bittorrent.StatusTorrent;

/**
 * The decoders of what travels between nodes: bencode (peers' messages and metadata), a whole torrent, a magnet
 * link (each rejecting with {@link InvalidTorrentException}), and a received announcement as the member's
 * scheduler decodes it (status-go's magnetlink message, type 43, and the archive-link message; rejecting with
 * {@link InvalidArchiveException}). An announcement input is one byte choosing the type (even: 43, odd: the
 * archive-link type) followed by the payload.
 */
final class LinkFuzzTargets {
    private static final String MAGNET = "magnet:?xt=urn:btih:" + "ab".repeat(20) + "&dn=" + FuzzTargets.COMMUNITY.hex()
            + "&tr=udp%3A%2F%2Ftracker.opentrackr.org%3A1337%2Fannounce&x.pe=127.0.0.1:9025";

    private LinkFuzzTargets() {
    }

    static List<FuzzTarget> all() {
        return List.of(bencode(), torrent(), magnet(), announcement());
    }

    static FuzzTarget bencode() {
        return new SimpleTarget("bencode", InvalidTorrentException.class) {
            @Override
            public List<byte[]> seeds() throws Exception {
                return List.of(statusTorrent(), ascii("d1:ai1e1:bl4:spami-42eee"), ascii("le"), ascii("i0e"));
            }

            @Override
            public void decode(byte[] input) throws Exception {
                Bencoding.decode(input);
            }
        };
    }

    static FuzzTarget torrent() {
        return new SimpleTarget("torrent", InvalidTorrentException.class) {
            @Override
            public List<byte[]> seeds() throws Exception {
                return List.of(statusTorrent());
            }

            @Override
            public void decode(byte[] input) throws Exception {
                StatusTorrent.parse(input).magnet();
            }
        };
    }

    static FuzzTarget magnet() {
        return new SimpleTarget("magnet", InvalidTorrentException.class) {
            @Override
            public List<byte[]> seeds() {
                return List.of(ascii(MAGNET), ascii("magnet:?xt=urn:btih:" + "A".repeat(32)));
            }

            @Override
            public void decode(byte[] input) throws Exception {
                MagnetUri.parse(new String(input, StandardCharsets.ISO_8859_1)).toString();
            }
        };
    }

    static FuzzTarget announcement() {
        StatusAnnouncements codec = StatusAnnouncements.DEFAULT;
        return new SimpleTarget("announcement", InvalidArchiveException.class) {
            @Override
            public List<byte[]> seeds() {
                Announcement magnet = new Announcement(1_700_000_000_000L, MAGNET);
                Announcement cid = new Announcement(1_700_000_000_001L,
                        "zDvZRwzmDuZWyWGSH6qZqF7ft1AGzxqxqRNQXfpPRKPPr389wS6s");
                return List.of(input(0, codec.encode(MagnetLinkFormat.INSTANCE, magnet).payload()),
                        input(1, codec.encode(IndexCidLinkFormat.INSTANCE, cid).payload()),
                        input(1, codec.encode(MagnetLinkFormat.INSTANCE, magnet).payload()));
            }

            @Override
            public void decode(byte[] input) throws Exception {
                if (input.length == 0) {
                    throw new InvalidArchiveException("an empty input has no type byte");
                }
                int type = (input[0] & 1) == 0 ? codec.types().magnetlink() : codec.types().archiveLink();
                codec.decode(type, Arrays.copyOfRange(input, 1, input.length), List.of());
            }
        };
    }

    private static byte[] input(int selector, byte[] payload) {
        byte[] b = new byte[payload.length + 1];
        b[0] = (byte) selector;
        System.arraycopy(payload, 0, b, 1, payload.length);
        return b;
    }

    /** A real status-go torrent of a small community directory. */
    private static byte[] statusTorrent() throws Exception {
        Path tmp = Files.createTempDirectory("fuzz-torrent");
        try {
            Path dir = Files.createDirectories(tmp.resolve(FuzzTargets.COMMUNITY.hex()));
            Files.write(dir.resolve(StatusTorrent.DATA_FILE), new byte[204_800]);
            Files.write(dir.resolve(StatusTorrent.INDEX_FILE), new byte[] {1, 2, 3});
            return StatusTorrent.build(dir, "fuzz", 1_600_000_000L).bytes();
        } finally {
            try (Stream<Path> paths = Files.walk(tmp)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
