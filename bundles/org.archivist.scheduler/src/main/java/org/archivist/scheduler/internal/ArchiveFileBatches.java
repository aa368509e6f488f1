package org.archivist.scheduler.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.core.member.ArchiveMessages;

/**
 * A downloaded archive's messages on the community's topics, read from its file as a stream and handed out in
 * batches of a fixed size, in archive order: one batch is held at a time, so an archive of any size is imported in
 * bounded memory. {@link #check} reads a whole archive once without keeping its messages, so that a malformed one
 * is refused before any of its messages is handed out. Not thread-safe.
 */
final class ArchiveFileBatches implements AutoCloseable {
    /** What a full read of an archive found: its messages, those on the topics, whether all lie in its range. */
    record Checked(int messages, int selected, boolean inRange) {
    }

    private final ArchiveMessages messages;
    private final Set<ContentTopic> topics;
    private final int batchSize;
    private List<ArchivedMessage> batch;
    private int consumed;

    ArchiveFileBatches(ArchiveMessages messages, Set<ContentTopic> topics, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        this.messages = messages;
        this.topics = topics;
        this.batchSize = batchSize;
    }

    /** Reads every message of {@code messages} (then closes it), keeping only counts. */
    static Checked check(ArchiveMessages messages, Set<ContentTopic> topics, TimeRange range)
            throws ArchivistException, IOException {
        try (ArchiveMessages m = messages) {
            int all = 0;
            int selected = 0;
            boolean inRange = true;
            for (Optional<ArchivedMessage> next = m.next(); next.isPresent(); next = m.next()) {
                all++;
                if (topics.contains(next.get().topic())) {
                    selected++;
                }
                inRange &= range.contains(next.get().timestamp());
            }
            return new Checked(all, selected, inRange);
        }
    }

    /** Skips the first {@code count} selected messages (handed out before the file was reopened). */
    void skip(int count) throws ArchivistException, IOException {
        while (consumed < count && peek().isPresent()) {
            int left = count - consumed;
            if (batch.size() > left) {
                batch = new ArrayList<>(batch.subList(left, batch.size()));
                consumed += left;
            } else {
                advance();
            }
        }
    }

    /** The next batch without consuming it (so a failed hand-over can be retried); empty when done. */
    Optional<List<ArchivedMessage>> peek() throws ArchivistException, IOException {
        if (batch == null) {
            batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize) {
                Optional<ArchivedMessage> m = messages.next();
                if (m.isEmpty()) {
                    break;
                }
                if (topics.contains(m.get().topic())) {
                    batch.add(m.get());
                }
            }
        }
        return batch.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(batch));
    }

    /** Consumes the batch {@link #peek()} showed. */
    void advance() {
        if (batch != null) {
            consumed += batch.size();
            batch = null;
        }
    }

    /** Selected messages consumed so far. */
    int consumed() {
        return consumed;
    }

    @Override
    public void close() throws IOException {
        messages.close();
    }
}
