package org.archivist.core.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void spacesPermitsEvenlyWithABurstOfOne() throws Exception {
        long[] now = {1_000};
        List<Long> sleeps = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(4, () -> now[0], nanos -> {
            sleeps.add(nanos);
            now[0] += nanos;
        });
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        assertEquals(List.of(250_000_000L, 250_000_000L, 250_000_000L, 250_000_000L), sleeps);
        now[0] += 2_000_000_000L; // idle for 2 s: no credit is saved up beyond one permit
        limiter.acquire();
        limiter.acquire();
        assertEquals(250_000_000L, sleeps.get(sleeps.size() - 1));
        assertEquals(5, sleeps.size());
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.perSecond(0));
        assertThrows(IllegalArgumentException.class, () -> new ImportSettings(0, 1));
    }
}
