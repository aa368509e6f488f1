package org.archivist.host.reference.internal;

/**
 * GCM's universal hash over GF(2^128) (NIST SP 800-38D, section 6.4) with Shoup's 8-bit tables: blocks are
 * absorbed one by one into the running value {@code Y = (Y xor X) * H}. Used to check a GCM tag over a
 * ciphertext read as a stream, before any of it is decrypted.
 */
final class Ghash {
    private static final long[] LAST4 = {
        0x0000L, 0x1c20L, 0x3840L, 0x2460L, 0x7080L, 0x6ca0L, 0x48c0L, 0x54e0L,
        0xe100L, 0xfd20L, 0xd940L, 0xc560L, 0x9180L, 0x8da0L, 0xa9c0L, 0xb5e0L};

    private final long[] hh = new long[16];
    private final long[] hl = new long[16];
    /** H times each byte value (high and low halves): a block costs 16 lookups. */
    private final long[] mh = new long[256];
    private final long[] ml = new long[256];
    /** The reduction of the 8 bits shifted out by {@code x^8}, as the high half it adds. */
    private final long[] r8 = new long[256];
    private long yh;
    private long yl;

    /** @param h the hash subkey, {@code AES_K(0^128)} */
    Ghash(byte[] h) {
        long vh = getLong(h, 0);
        long vl = getLong(h, 8);
        hh[8] = vh;
        hl[8] = vl;
        for (int i = 4; i > 0; i >>= 1) {
            long t = (vl & 1) * 0xe1000000L;
            vl = (vh << 63) | (vl >>> 1);
            vh = (vh >>> 1) ^ (t << 32);
            hh[i] = vh;
            hl[i] = vl;
        }
        for (int i = 2; i <= 8; i *= 2) {
            long ih = hh[i];
            long il = hl[i];
            for (int j = 1; j < i; j++) {
                hh[i + j] = ih ^ hh[j];
                hl[i + j] = il ^ hl[j];
            }
        }
        // a byte is its low nibble then its high nibble: M8[b] = shift4(M4[lo]) ^ M4[hi] (Shoup's method, 8 bits)
        for (int b = 0; b < 256; b++) {
            long[] lo = shift4(hh[b & 0xf], hl[b & 0xf]);
            mh[b] = lo[0] ^ hh[b >>> 4];
            ml[b] = lo[1] ^ hl[b >>> 4];
            long[] once = shift4(0, b);
            long[] twice = shift4(once[0], once[1]);
            r8[b] = twice[0]; // the low half is 0: all 8 bits were shifted out
        }
    }

    /** Multiplies by {@code x^4} in GCM's bit order, reduced. */
    private static long[] shift4(long zh, long zl) {
        int rem = (int) (zl & 0xf);
        return new long[] {(zh >>> 4) ^ (LAST4[rem] << 48), (zh << 60) | (zl >>> 4)};
    }

    /** Absorbs one block given as two big-endian halves. */
    void block(long high, long low) {
        long xh = yh ^ high;
        long xl = yl ^ low;
        int b = (int) (xl & 0xff);
        long zh = mh[b];
        long zl = ml[b];
        for (int i = 1; i < 16; i++) {
            b = (int) ((i < 8 ? xl >>> (i * 8) : xh >>> ((i - 8) * 8)) & 0xff);
            int rem = (int) (zl & 0xff);
            zl = (zh << 56) | (zl >>> 8);
            zh = (zh >>> 8) ^ r8[rem] ^ mh[b];
            zl ^= ml[b];
        }
        yh = zh;
        yl = zl;
    }

    /** Absorbs {@code length} bytes (a multiple of 16 but for the last call, whose tail is zero-padded). */
    void update(byte[] b, int off, int length) {
        int end = off + length;
        int i = off;
        for (; i + 16 <= end; i += 16) {
            block(getLong(b, i), getLong(b, i + 8));
        }
        if (i < end) {
            byte[] last = new byte[16];
            System.arraycopy(b, i, last, 0, end - i);
            block(getLong(last, 0), getLong(last, 8));
        }
    }

    /** The running value as 16 bytes. */
    byte[] value() {
        byte[] out = new byte[16];
        putLong(out, 0, yh);
        putLong(out, 8, yl);
        return out;
    }

    static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xffL);
        }
        return v;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
