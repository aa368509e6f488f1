package org.archivist.core.member;

import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.Community;

/**
 * One decoded archive's messages on the community's topics, handed out in batches of a fixed size, in
 * archive order. It never waits: the caller paces the batches (a blocking {@link RateLimiter} in
 * {@link ImportPipeline}, scheduled tasks elsewhere). Not thread-safe.
 */
public final class ArchiveBatches {
    private final List<ArchivedMessage> selected;
    private final int messages;
    private final int batchSize;
    private int position;

    private ArchiveBatches(List<ArchivedMessage> selected, int messages, int batchSize) {
        this.selected = selected;
        this.messages = messages;
        this.batchSize = batchSize;
    }

    /**
     * Unseals, decodes and validates {@code blob} as the archive {@code entry} names, then keeps its messages
     * on {@code community}'s topics.
     */
    public static ArchiveBatches read(ArchiveReader reader, Community community, IndexEntry entry, byte[] blob,
            Optional<ArchiveCipher> cipher, int batchSize) throws InvalidArchiveException, CipherException {
        return of(community, reader.readArchive(community.id(), entry, blob, cipher), batchSize);
    }

    /** Batches of the already decoded {@code messages} that are on {@code community}'s topics. */
    public static ArchiveBatches of(Community community, List<ArchivedMessage> messages, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        List<ArchivedMessage> selected = messages.stream().filter(m -> community.topics().contains(m.topic()))
                .toList();
        return new ArchiveBatches(selected, messages.size(), batchSize);
    }

    /** The next batch without consuming it (so a failed hand-over can be retried); empty when done. */
    public Optional<List<ArchivedMessage>> peek() {
        if (done()) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(selected.subList(position, Math.min(position + batchSize, selected.size()))));
    }

    /** Consumes the batch {@link #peek()} shows; nothing when done. */
    public void advance() {
        position = Math.min(position + batchSize, selected.size());
    }

    /** The next batch, consumed; empty when done. */
    public Optional<List<ArchivedMessage>> next() {
        Optional<List<ArchivedMessage>> batch = peek();
        advance();
        return batch;
    }

    /** True when every batch was consumed (at once when no message is on the community's topics). */
    public boolean done() {
        return position >= selected.size();
    }

    /** Messages the archive holds. */
    public int messages() {
        return messages;
    }

    /** Messages on the community's topics: those the batches hold. */
    public int selected() {
        return selected.size();
    }

    /** Messages in the batches consumed so far. */
    public int consumed() {
        return position;
    }
}
