package org.archivist.storage.bittorrent.internal.engine.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The rate limit's arithmetic on a fake clock: bytes wait as long as the rate demands, after a small burst. */
class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private TokenBucket bucket(long rate) {
        return new TokenBucket(rate, now::get, now::addAndGet);
    }

    @Test
    void sustainedTransferTakesBytesOverRate() throws Exception {
        TokenBucket b = bucket(1_000_000); // 1 MB/s
        long start = now.get();
        for (int i = 0; i < 100; i++) {
            b.acquire(100_000); // 10 MB in blocks of 100 kB
        }
        long elapsed = now.get() - start;
        // 10 MB at 1 MB/s: 10 s, less the last block's time and the 0.1 s burst allowance
        assertEquals(9.9, elapsed / 1e9, 0.11);
    }

    @Test
    void idleTimeBuildsOnlyASmallBurst() throws Exception {
        TokenBucket b = bucket(1_000_000);
        now.addAndGet(60_000_000_000L); // a minute idle
        long waited = b.acquire(100_000) + b.acquire(100_000);
        assertEquals(0, waited, "0.1 s of burst covers the first 100 kB");
        assertEquals(100_000_000L, b.acquire(100_000), "then the rate applies");
    }

    @Test
    void zeroMeansNoLimitAndNegativeIsRefused() throws Exception {
        TokenBucket b = bucket(0);
        assertEquals(0, b.acquire(Long.MAX_VALUE / 2));
        assertEquals(1_000_000_000L, now.get());
        assertThrows(IllegalArgumentException.class, () -> bucket(-1));
    }
}
