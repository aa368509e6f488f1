package org.archivist.tool.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded, deterministic mutations of valid inputs, the kinds that break binary decoders: bit flips, random
 * and boundary bytes, huge varints and length prefixes, inserted, deleted and duplicated ranges,
 * truncation, and splices of two inputs. One to four mutations are stacked per input.
 */
final class Mutator {
    private static final byte[] INTERESTING = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, 0x0a, 0x12, 0x1a, 0x22, 0x08};
    private static final int MAX_LENGTH = 1 << 20;

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    byte[] mutate(List<byte[]> corpus) {
        byte[] b = corpus.get(random.nextInt(corpus.size())).clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            b = once(b, corpus);
        }
        return b.length > MAX_LENGTH ? Arrays.copyOf(b, MAX_LENGTH) : b;
    }

    private byte[] once(byte[] b, List<byte[]> corpus) {
        if (b.length == 0) {
            return randomBytes(1 + random.nextInt(16));
        }
        int at = random.nextInt(b.length);
        switch (random.nextInt(10)) {
            case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> b[at] = (byte) random.nextInt(256);
            case 2 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
            case 3 -> {
                // a huge varint (or length prefix) in place
                byte[] big = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
                int n = 1 + random.nextInt(big.length);
                byte[] r = Arrays.copyOf(b, Math.max(b.length, at + n));
                System.arraycopy(big, big.length - n, r, at, n);
                return r;
            }
            case 4 -> {
                return splice(b, at, 0, randomBytes(1 + random.nextInt(8)));
            }
            case 5 -> {
                int len = 1 + random.nextInt(Math.min(64, b.length - at));
                return splice(b, at, len, new byte[0]);
            }
            case 6 -> {
                int len = 1 + random.nextInt(Math.min(256, b.length - at));
                return splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
            }
            case 7 -> {
                return Arrays.copyOf(b, random.nextInt(b.length + 1));
            }
            case 8 -> {
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                return splice(Arrays.copyOf(b, at), at, 0, Arrays.copyOfRange(other, from, other.length));
            }
            default -> {
                int value = random.nextInt(4) == 0 ? Integer.MAX_VALUE : random.nextInt();
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    b[at + i] = (byte) (value >>> (8 * i));
                }
            }
        }
        return b;
    }

    private byte[] randomBytes(int n) {
        byte[] r = new byte[n];
        random.nextBytes(r);
        return r;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] r = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, r, 0, at);
        System.arraycopy(insert, 0, r, at, insert.length);
        System.arraycopy(b, at + remove, r, at + insert.length, b.length - at - remove);
        return r;
    }
}
