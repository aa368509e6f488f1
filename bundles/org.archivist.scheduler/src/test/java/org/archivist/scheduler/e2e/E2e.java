package org.archivist.scheduler.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.ArchiveSummary.Availability;

/** What the end-to-end tests check with: message hashes, a node's archive listing, waiting for a condition. */
public final class E2e {
    /** How long a step may take on a loaded machine. */
    public static final Duration DEADLINE = Duration.ofSeconds(120);

    private E2e() {
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
