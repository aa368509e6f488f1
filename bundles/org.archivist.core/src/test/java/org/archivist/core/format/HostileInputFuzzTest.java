package org.archivist.core.format;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.TOPIC;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.message;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.CipherException;
import org.archivist.core.testing.TestCipher;
import org.junit.jupiter.api.Test;

/**
 * Mutated indexes and envelopes (bytes overwritten, truncated, extended): every rejection must be a typed
 * {@link InvalidArchiveException} (or a {@link CipherException} for a sealed blob), never a runtime exception.
 */
class HostileInputFuzzTest {
    private static final int ROUNDS = 3000;

    @Test
    void mutatedIndexesAreRejectedWithTypedExceptionsOnly() {
        byte[] bt = IndexCodec.encode(org.archivist.core.format.IndexCodec.Shape.PIECE_RANGES, List.of(
                ArchiveIds.entry(metadata(JAN_1_2020, JAN_1_2020 + WEEK), new PieceRange(0, 102400, 100)),
                ArchiveIds.entry(metadata(JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK), new PieceRange(102400, 204800, 7))));
        byte[] codex = IndexCodec.encode(org.archivist.core.format.IndexCodec.Shape.CONTENT_ADDRESSES, List.of(
                ArchiveIds.entry(metadata(JAN_1_2020, JAN_1_2020 + WEEK), new ContentAddress("zDvZRwzmA1"))));
        int rejected = fuzz(bt, 1, bytes -> IndexCodec.decode(bytes, DecodeLimits.DEFAULT))
                + fuzz(codex, 2, bytes -> IndexCodec.decode(bytes, DecodeLimits.DEFAULT));
        assertTrue(rejected > ROUNDS, "most mutations must be caught (ids hash the metadata): " + rejected);
    }

    @Test
    void mutatedEnvelopesAreRejectedWithTypedExceptionsOnly() throws Exception {
        TestCipher cipher = new TestCipher(3, new byte[32], "i");
        byte[] blob = ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK), List.of(message(JAN_1_2020, TOPIC, 1)));
        byte[] sealed = ArchiveEnvelope.seal(COMMUNITY, blob, cipher);
        int rejected = fuzz(sealed, 3, bytes -> {
            try {
                ArchiveCodec.decode(ArchiveEnvelope.unseal(COMMUNITY, bytes, Optional.of(cipher)), DecodeLimits.DEFAULT);
            } catch (CipherException e) {
                throw new InvalidArchiveException("cipher: " + e.getMessage(), e);
            }
        });
        assertTrue(rejected > ROUNDS / 2, "AES-GCM and the decoders must catch most mutations: " + rejected);
    }

    private interface Decoder {
        void decode(byte[] bytes) throws InvalidArchiveException;
    }

    private static int fuzz(byte[] valid, long seed, Decoder decoder) {
        Random random = new Random(seed);
        int rejected = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] bad = valid.clone();
            for (int f = random.nextInt(3) + 1; f > 0; f--) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            switch (random.nextInt(3)) {
                case 0 -> bad = Arrays.copyOf(bad, random.nextInt(bad.length + 1));
                case 1 -> bad = Arrays.copyOf(bad, bad.length + random.nextInt(8));
                default -> { }
            }
            try {
                decoder.decode(bad);
            } catch (InvalidArchiveException expected) {
                rejected++;
            }
        }
        return rejected;
    }
}
