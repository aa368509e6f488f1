package org.archivist.scheduler.e2e;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.ArchiveSummary.Availability;

/** What the end-to-end tests check with: message hashes, a node's archive listing, waiting for a condition. */
public final class E2e {
    /** How long a step may take on a loaded machine. */
    public static final Duration DEADLINE = Duration.ofSeconds(120);

    private static final SecureRandom RANDOM = new SecureRandom();

    private E2e() {
    }

    /**
     * {@code count} messages {@code step} seconds apart from {@code firstSecond}, on the first two topics in turn,
     * each with a random hash and the payload {@code payload} gives for its index.
     */
    static List<ArchivedMessage> messages(List<ContentTopic> topics, int count, long firstSecond, long step,
            IntFunction<byte[]> payload) {
        List<ArchivedMessage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] hash = new byte[32];
            RANDOM.nextBytes(hash);
            out.add(new ArchivedMessage(new byte[65], firstSecond + i * step, topics.get(i % 2), payload.apply(i),
                    new byte[0], hash, ""));
        }
        return out;
    }

    /** Payloads {@code "<label> <index>"}. */
    static IntFunction<byte[]> labelled(String label) {
        return i -> (label + " " + i).getBytes(StandardCharsets.UTF_8);
    }

    /** Random payloads of {@code bytes} each. */
    static IntFunction<byte[]> randomPayloads(int bytes) {
        return i -> {
            byte[] payload = new byte[bytes];
            RANDOM.nextBytes(payload);
            return payload;
        };
    }

    public static Set<String> hashes(List<ArchivedMessage> ms) {
        return ms.stream().map(ArchivedMessage::hashHex).collect(Collectors.toSet());
    }

    /** Waits until {@code done}, failing with {@code what} after {@link #DEADLINE}. */
    public static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static List<ArchiveSummary> summaries(E2eNode node, CommunityId id) {
        try {
            return node.scheduler.archiveSummaries(id);
        } catch (ArchivistException e) {
            throw new AssertionError(e);
        }
    }

    static long count(List<ArchiveSummary> archives, Availability a) {
        return archives.stream().filter(s -> s.availability() == a).count();
    }
}
