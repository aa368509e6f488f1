package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.junit.jupiter.api.Test;

/**
 * The announcement decoders (also fuzzed by {@code archivist fuzz frame|signed}, through the exported
 * {@code ChannelDecoders}): a received frame is decoded ({@link AnnouncementFrame#decode}, rejecting with IOException) and its
 * signed message verified ({@link SignedApplicationMessage#verify}, rejecting with InvalidArchiveException).
 * A hostile regression corpus runs first; {@code -Dfuzz.inputs=1000000} runs the long version.
 */
class AnnouncementFuzzTest {
    private static final long INPUTS = Long.getLong("fuzz.inputs", 20_000);

    @Test
    void framesAndSignedMessagesRejectOnlyWithTypedExceptions() throws Exception {
        byte[] key = TestCommunities.newKey();
        CommunityId id = TestCommunities.idOf(key);
        byte[] magnet = ("magnet:?xt=urn:btih:" + "ab".repeat(20)).getBytes(StandardCharsets.UTF_8);
        List<byte[]> seeds = new ArrayList<>(List.of(
                AnnouncementFrame.forCommunity(id, SignedApplicationMessage.sign(43, magnet, key)).encode(),
                AnnouncementFrame.forCommunity(id, SignedApplicationMessage.sign(76, new byte[0], key)).encode(),
                new byte[0], new byte[] {(byte) 0xff, (byte) 0xff}, new byte[] {0, 0, 0x7f, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff}, new byte[] {0, 1, 'x', (byte) 0x80, 0, 0, 0}, new byte[] {0, 0, 0, 0, 0, 3, 0x0a,
                        (byte) 0xff, 0x7f}));
        Random random = new Random(42);
        List<String> failures = new ArrayList<>();
        long rejected = 0;
        long verified = 0;
        long start = System.nanoTime();
        for (long i = 0; i < seeds.size() + INPUTS; i++) {
            byte[] input = i < seeds.size() ? seeds.get((int) i) : mutate(random, seeds);
            try {
                AnnouncementFrame frame = AnnouncementFrame.decode(input);
                frame.community();
                SignedApplicationMessage.verify(frame.message());
                verified++;
            } catch (IOException | InvalidArchiveException typed) {
                rejected++;
            } catch (Throwable t) {
                if (failures.size() < 5) {
                    failures.add(t + " on " + HexFormat.of().formatHex(Arrays.copyOf(input, Math.min(80, input.length))));
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz announcement: %d inputs in %.1f s (%.0f inputs/s), %d typed rejections, %d verified%n",
                seeds.size() + INPUTS, seconds, (seeds.size() + INPUTS) / seconds, rejected, verified);
        assertEquals(List.of(), failures);
        assertTrue(verified >= 2, "the valid seeds verify");
        assertTrue(rejected > INPUTS / 2, "the mutations must mostly be rejected: " + rejected);
    }

    private static byte[] mutate(Random random, List<byte[]> seeds) {
        byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            if (b.length == 0) {
                b = new byte[] {(byte) random.nextInt(256)};
                continue;
            }
            int at = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> b[at] = (byte) new int[] {0, 0x7f, 0x80, 0xff, 0x0a, 0x12}[random.nextInt(6)];
                case 3 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
                case 4 -> {
                    int len = 1 + random.nextInt(Math.min(32, b.length - at));
                    byte[] r = new byte[b.length - len];
                    System.arraycopy(b, 0, r, 0, at);
                    System.arraycopy(b, at + len, r, at, b.length - at - len);
                    b = r;
                }
                default -> {
                    byte[] r = Arrays.copyOf(b, b.length + 1 + random.nextInt(16));
                    System.arraycopy(b, at, r, r.length - (b.length - at), b.length - at);
                    b = r;
                }
            }
        }
        return b;
    }
}
