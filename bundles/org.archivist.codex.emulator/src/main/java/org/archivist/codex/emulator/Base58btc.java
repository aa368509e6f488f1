package org.archivist.codex.emulator;

import java.math.BigInteger;

/** Bitcoin's base58 alphabet, as multibase {@code z} and libp2p peer ids use it. */
final class Base58btc {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58btc() {
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    static byte[] decode(String text) {
        if (text.length() > 200) {
            throw new IllegalArgumentException("too long");
        }
        BigInteger n = BigInteger.ZERO;
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        for (char c : text.toCharArray()) {
            int d = ALPHABET.indexOf(c);
            if (d < 0) {
                throw new IllegalArgumentException("not base58: " + c);
            }
            n = n.multiply(BASE).add(BigInteger.valueOf(d));
        }
        byte[] raw = n.signum() == 0 ? new byte[0] : n.toByteArray();
        int skip = raw.length > 0 && raw[0] == 0 ? 1 : 0;
        byte[] out = new byte[zeros + raw.length - skip];
        System.arraycopy(raw, skip, out, zeros, raw.length - skip);
        return out;
    }
}
