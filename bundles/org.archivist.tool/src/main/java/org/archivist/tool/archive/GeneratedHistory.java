package org.archivist.tool.archive;

import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.api.host.MessageStore;

/**
 * A deterministic synthetic history that is generated as it is streamed, never held in memory: message
 * {@code i} has timestamp {@code start + i * spacing}, one of the topics, a 65-byte signature, a payload of
 * 50..{@code 2 * meanPayload - 50} pseudo-random bytes (mean {@code meanPayload}), 0..32 bytes of Waku padding
 * and a 32-byte hash. The signature, payload and padding are copied from pseudo-random offsets of one
 * block of 1 MiB of random bytes (incompressible, and as cheap as a store handing over bytes it read: generating every
 * byte took about 0.25 s a pass over 1 GB, a third of the build's CPU); the hash is generated, so unique.
 */
final class GeneratedHistory implements MessageStore {
    private static final java.lang.invoke.VarHandle LONGS_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final int POOL = 1 << 20;
    private final long start;
    private final long spacing;
    private final long count;
    private final int meanPayload;
    private final ContentTopic[] topics;
    private final byte[] pool;

    GeneratedHistory(long start, long spacing, long count, int meanPayload, ContentTopic... topics) {
        this.start = start;
        this.spacing = spacing;
        this.count = count;
        this.meanPayload = meanPayload;
        this.topics = topics;
        this.pool = new byte[POOL];
        fill(new SplittableRandom(42), pool);
    }

    long end() {
        return start + count * spacing;
    }

    ArchivedMessage message(long i) {
        SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        byte[] sig = slice(r, 65);
        byte[] payload = slice(r, 50 + r.nextInt(2 * meanPayload - 99));
        byte[] padding = slice(r, r.nextInt(33));
        byte[] hash = new byte[32];
        fill(r, hash);
        return new ArchivedMessage(sig, start + i * spacing, topics[(int) (i % topics.length)], payload, padding, hash, "");
    }

    /** {@code length} bytes of the pool from a pseudo-random offset (the pool wraps around for a long payload). */
    private byte[] slice(SplittableRandom r, int length) {
        byte[] bytes = new byte[length];
        int at = r.nextInt(POOL);
        for (int done = 0; done < length; ) {
            int n = Math.min(length - done, POOL - at);
            System.arraycopy(pool, at, bytes, done, n);
            done += n;
            at = 0;
        }
        return bytes;
    }

    Stream<ArchivedMessage> all() {
        return LongStream.range(0, count).mapToObj(this::message);
    }

    @Override
    public Stream<ArchivedMessage> messages(CommunityId community, Set<ContentTopic> wanted, TimeRange range) {
        long first = Math.max(0, ceilDiv(range.from() - start, spacing));
        long last = Math.min(count, ceilDiv(range.to() - start, spacing));
        return LongStream.range(first, Math.max(first, last)).mapToObj(this::message)
                .filter(m -> wanted.contains(m.topic()));
    }

    @Override
    public OptionalLong oldestTimestamp(CommunityId community, Set<ContentTopic> wanted) {
        return count == 0 ? OptionalLong.empty() : OptionalLong.of(start);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** Little-endian longs of the generator, 8 bytes at a time (the same bytes as a byte-by-byte loop, faster). */
    private static void fill(SplittableRandom r, byte[] bytes) {
        int whole = bytes.length & ~7;
        for (int i = 0; i < whole; i += 8) {
            LONGS_LE.set(bytes, i, r.nextLong());
        }
        if (whole < bytes.length) {
            long v = r.nextLong();
            for (int j = 0; whole + j < bytes.length; j++) {
                bytes[whole + j] = (byte) (v >>> (8 * j));
            }
        }
    }
}
