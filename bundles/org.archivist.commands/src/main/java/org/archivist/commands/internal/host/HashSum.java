package org.archivist.commands.internal.host;

import java.math.BigInteger;

import org.archivist.api.ArchivedMessage;

/**
 * An order-independent fingerprint of a set of messages, computed while streaming: the sum of their 32-byte
 * hashes modulo 2^256, printed as 64 hex digits. Two nodes holding the same messages (a store keeps one per
 * hash) print the same sum whatever the order they received them in.
 */
final class HashSum {
    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

    private BigInteger sum = BigInteger.ZERO;
    private long count;

    void add(ArchivedMessage m) {
        sum = sum.add(new BigInteger(1, m.hash())).mod(MODULUS);
        count++;
    }

    long count() {
        return count;
    }

    String hex() {
        String h = sum.toString(16);
        return "0".repeat(64 - h.length()) + h;
    }
}
