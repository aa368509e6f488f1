package org.archivist.core.owner;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.core.format.ArchiveCodecStream;

/**
 * The chunks of one partition as the first pass over its messages cut them: per chunk only the number of
 * messages, the encoded length of the archive and a fingerprint of its messages, so the second pass can
 * stream each archive with its length announced and check that the store returned the same messages.
 */
final class ChunkPlan {
    /** One archive to be: {@code count} messages, {@code length} encoded bytes (metadata included). */
    record Chunk(int count, long length, long fingerprint) {
    }

    private final long maxWeight;
    private final long metadataLength;
    private final List<Chunk> chunks = new ArrayList<>();
    private int count;
    private long weight;
    private long length;
    private long fingerprint;

    ChunkPlan(long maxWeight, long metadataLength) {
        this.maxWeight = maxWeight;
        this.metadataLength = metadataLength;
        this.length = metadataLength;
        this.fingerprint = Fingerprint.START;
    }

    /** Adds a message no heavier than the cap, starting a new chunk when it would not fit. */
    void add(ArchivedMessage m) {
        long w = m.archiveWeight();
        if (count > 0 && weight + w > maxWeight) {
            close();
        }
        long field = ArchiveCodecStream.messageLength(m);
        count++;
        weight += w;
        length += field;
        fingerprint = Fingerprint.next(fingerprint, m, field);
    }

    /** Ends the partition: the chunk being filled is the last one, written even when empty (status-go). */
    List<Chunk> finish() {
        close();
        return chunks;
    }

    private void close() {
        chunks.add(new Chunk(count, length, fingerprint));
        count = 0;
        weight = 0;
        length = metadataLength;
        fingerprint = Fingerprint.START;
    }

    /** A cheap running fingerprint of a chunk's messages: their hashes, timestamps and encoded lengths. */
    static final class Fingerprint {
        static final long START = 0x9E3779B97F4A7C15L;

        private Fingerprint() {
        }

        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);

        static long next(long fp, ArchivedMessage m, long field) {
            long h = fp * 0x100000001B3L ^ of(m.hash());
            h = h * 0x100000001B3L ^ m.timestamp();
            return h * 0x100000001B3L ^ field;
        }

        /** A hash's bytes folded 8 at a time (a fingerprint is taken twice per message, on either pass). */
        private static long of(byte[] bytes) {
            long h = bytes.length;
            int whole = bytes.length & ~7;
            for (int i = 0; i < whole; i += 8) {
                h = h * 0x100000001B3L ^ (long) LONGS.get(bytes, i);
            }
            for (int i = whole; i < bytes.length; i++) {
                h = h * 0x100000001B3L ^ bytes[i];
            }
            return h;
        }
    }
}
