package org.archivist.storage.bittorrent.internal.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The BitTorrent decoders fuzzed at the source: bencode, a whole torrent, a magnet link, with bencode-aware
 * mutations (digits, {@code :-eild}). Every rejection must be a {@link BencodeException}; nothing else may
 * escape. {@code archivist fuzz bencode|torrent|magnet} runs the same decoders through the exported API. A regression corpus of hostile inputs runs
 * first; {@code -Dfuzz.inputs=1000000} runs the long version (default 20 000 per target).
 */
class MetainfoFuzzTest {
    private static final long INPUTS = Long.getLong("fuzz.inputs", 20_000);
    private static final String MAGNET = "magnet:?xt=urn:btih:" + "ab".repeat(20) + "&dn=0x03" + "cd".repeat(32)
            + "&tr=udp%3A%2F%2Ftracker.opentrackr.org%3A1337%2Fannounce";
    /** Hostile bencode: huge string lengths, deep nesting, unterminated containers, integer overflow. */
    private static final List<String> BENCODE_CORPUS = List.of("", "i", "i-0e", "i99999999999999999999999e",
            "99999999999:x", "2147483648:x", "-1:x", "l".repeat(100_000), "d".repeat(50_000) + "e",
            "d1:ai1e1:ai2ee", "d1:bi1e1:ai2ee", "le", "de", "i1e trailing", "4:spam", "0:", "l4:spami42ee");
    private static final List<String> MAGNET_CORPUS = List.of("", "magnet:", "magnet:?", "magnet:?xt=urn:btih:",
            "magnet:?xt=urn:btih:" + "zz".repeat(20), "magnet:?xt=urn:btih:" + "ab".repeat(20) + "&tr=%",
            "magnet:?xt=urn:btih:" + "ab".repeat(20) + "&tr=%zz", "magnet:?xt=urn:btih:" + "A".repeat(32),
            MAGNET + "&tr=" + "x".repeat(5_000), MAGNET.replace("xt=", "xt=&xt="));

    @Test
    void bencodeRejectsOnlyWithBencodeException() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String s : BENCODE_CORPUS) {
            seeds.add(s.getBytes(StandardCharsets.ISO_8859_1));
        }
        seeds.add(Bencode.encode(List.of(1L, "two".getBytes(StandardCharsets.UTF_8), List.of())));
        run("bencode", seeds, input -> Bencode.decode(input));
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @Test
    void torrentsRejectOnlyWithBencodeException() throws Exception {
        java.nio.file.Path dir = tmp.resolve("0x03" + "cd".repeat(32));
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(dir.resolve("data"), new byte[204800]);
        java.nio.file.Files.write(dir.resolve("index"), new byte[] {1, 2, 3});
        byte[] torrent = TorrentBuilder.status("fuzz").build(dir, 1_600_000_000L).bytes();
        List<byte[]> seeds = new ArrayList<>(List.of(torrent));
        for (String s : BENCODE_CORPUS) {
            seeds.add(s.getBytes(StandardCharsets.ISO_8859_1));
        }
        run("torrent", seeds, input -> Metainfo.parse(input));
    }

    @Test
    void magnetLinksRejectOnlyWithBencodeException() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(MAGNET.getBytes(StandardCharsets.ISO_8859_1));
        for (String s : MAGNET_CORPUS) {
            seeds.add(s.getBytes(StandardCharsets.ISO_8859_1));
        }
        run("magnet", seeds, input -> MagnetLink.parse(new String(input, StandardCharsets.ISO_8859_1)));
    }

    private interface Decoder {
        void decode(byte[] input) throws Exception;
    }

    private static void run(String name, List<byte[]> seeds, Decoder decoder) {
        Random random = new Random(42);
        List<String> failures = new ArrayList<>();
        long rejected = 0;
        long start = System.nanoTime();
        for (long i = 0; i < seeds.size() + INPUTS; i++) {
            byte[] input = i < seeds.size() ? seeds.get((int) i) : mutate(random, seeds);
            try {
                decoder.decode(input);
            } catch (BencodeException typed) {
                rejected++;
            } catch (Throwable t) {
                if (failures.size() < 5) {
                    failures.add(t + " on " + HexFormat.of().formatHex(Arrays.copyOf(input, Math.min(64, input.length))));
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz %s: %d inputs in %.1f s (%.0f inputs/s), %d typed rejections%n", name,
                seeds.size() + INPUTS, seconds, (seeds.size() + INPUTS) / seconds, rejected);
        assertEquals(List.of(), failures, name + ": failures that are not BencodeException");
        assertTrue(rejected > INPUTS / 4, name + ": too few rejections, the mutations do not bite: " + rejected);
    }

    /** One to four stacked mutations: bit flips, boundary bytes, digits, inserted/deleted/duplicated ranges, truncation. */
    private static byte[] mutate(Random random, List<byte[]> seeds) {
        byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            if (b.length == 0) {
                b = new byte[] {(byte) random.nextInt(256)};
                continue;
            }
            int at = random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) "0123456789:-eild%&=?"
                        .charAt(random.nextInt(20));
                case 2 -> b[at] = (byte) random.nextInt(256);
                case 3 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
                case 4 -> {
                    int len = 1 + random.nextInt(Math.min(32, b.length - at));
                    byte[] r = new byte[b.length - len];
                    System.arraycopy(b, 0, r, 0, at);
                    System.arraycopy(b, at + len, r, at, b.length - at - len);
                    b = r;
                }
                case 5 -> {
                    int len = 1 + random.nextInt(Math.min(64, b.length - at));
                    byte[] r = new byte[b.length + len];
                    System.arraycopy(b, 0, r, 0, at + len);
                    System.arraycopy(b, at, r, at + len, b.length - at);
                    b = r;
                }
                default -> {
                    byte[] digits = "99999999999".getBytes(StandardCharsets.ISO_8859_1);
                    byte[] r = Arrays.copyOf(b, b.length + digits.length);
                    System.arraycopy(digits, 0, r, at, digits.length);
                    System.arraycopy(b, at, r, at + digits.length, b.length - at);
                    b = r;
                }
            }
        }
        return b;
    }
}
