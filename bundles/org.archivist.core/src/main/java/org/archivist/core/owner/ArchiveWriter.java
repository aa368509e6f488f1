package org.archivist.core.owner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.Community;
import org.archivist.api.host.MessageStore;
import org.archivist.api.host.StreamingEncryption;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;
import org.archivist.core.format.ArchiveCodecStream;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.InconsistentIndexException;
import org.archivist.core.format.IndexCodec;
import org.archivist.core.format.PieceLayout;
import org.archivist.core.format.SealedBlobWriter;
import org.archivist.core.internal.CrashPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import jakarta.inject.Inject;

/**
 * Creates a community's archives for a time range, as status-go's {@code createHistoryArchiveTorrent}:
 * partitions {@code [from, to)} of the given length starting at the range's start (the last one cut at its
 * end), empty partitions skipped (found from the store's next message, never visited one by one, so any range
 * costs what its populated partitions cost), each partition's messages cut into chunks of at most
 * {@value PieceLayout#MAX_ARCHIVE_WEIGHT} bytes of payload + signature, each chunk one archive with the
 * partition's bounds and the community's full topic list in the host's order (an unordered set is
 * sorted, see {@link TopicOrder}). A message heavier than that alone is dropped with a warning naming its
 * hash; a partition whose every message was dropped still gets one empty archive, as in status-go.
 * Messages are streamed from the store, twice per partition: a first pass cuts the chunks keeping only
 * their sizes, a second one writes each archive straight into {@link PublishSession#append(long,
 * org.archivist.api.storage.BlobWriter)} through a bounded buffer, so no chunk is held in memory (an
 * encrypted community's chunk is sealed on the way, {@link SealedBlobWriter}, when the host's cipher encrypts
 * streams, {@link ArchiveCipher#encryptStreaming}; otherwise it is held once and sealed whole). The blobs are
 * byte for byte those of {@link org.archivist.core.format.ArchiveCodec#encode}.
 *
 * <p>Runs are idempotent: a message whose timestamp lies inside an archive of the committed index is not
 * archived again, so a range already archived creates nothing, and the same run after a crash (whose
 * uncommitted appends the directory cut off) creates exactly what an uninterrupted run would have.
 *
 * <p>Blobs of an encrypted community are sealed before they are appended; the index is read from the
 * session (unsealed), merged with the new entries, sealed and committed, but only when at least one
 * archive was created.
 */
public final class ArchiveWriter {
    /** status-go's {@code messageArchiveInterval}: 7 days, used as the partition length. */
    public static final long DEFAULT_PARTITION_SECONDS = 7 * 24 * 3600;
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);

    private final MessageStore store;
    private final long maxChunkWeight;
    private final DecodeLimits limits;

    @Inject
    public ArchiveWriter(MessageStore store) {
        this(store, PieceLayout.MAX_ARCHIVE_WEIGHT, DecodeLimits.DEFAULT);
    }

    /** With another chunk cap (tests, benchmarks) and limits for reading the existing index. */
    public ArchiveWriter(MessageStore store, long maxChunkWeight, DecodeLimits limits) {
        if (maxChunkWeight <= 0) {
            throw new IllegalArgumentException("the chunk cap must be positive");
        }
        this.store = store;
        this.maxChunkWeight = maxChunkWeight;
        this.limits = limits;
    }

    /**
     * Archives {@code range} of {@code community}'s history into {@code session}.
     *
     * @param cipher required when the community is encrypted; used to unseal the existing index, too
     * @throws ArchivistException on a storage, cipher or existing-index problem; nothing is committed then,
     *         and the caller closes the session, which drops what was appended
     */
    public ArchiveRun write(Community community, TimeRange range, long partitionSeconds,
            Optional<ArchiveCipher> cipher, LinkFormat format, PublishSession session) throws ArchivistException {
        if (partitionSeconds <= 0) {
            throw new IllegalArgumentException("the partition length must be positive, got " + partitionSeconds);
        }
        if (community.encrypted() && cipher.isEmpty()) {
            throw new CipherException("community " + community.id() + " is encrypted but no cipher is available");
        }
        MDC.put("community", community.id().hex());
        try {
            return new Run(community, cipher, format, session).run(range, partitionSeconds);
        } finally {
            MDC.remove("community");
        }
    }

    private enum Selection { TAKE, DROP, SKIP }

    /** The state of one run: what was created so far. */
    private final class Run {
        private final Community community;
        private final Optional<ArchiveCipher> cipher;
        private final PublishSession session;
        private final LinkFormat format;
        private final Set<ContentTopic> topicSet;
        private final List<ContentTopic> topics;
        private final List<CreatedArchive> created = new ArrayList<>();
        private int dropped;
        private ArchivedRanges archived = ArchivedRanges.of(List.of());

        Run(Community community, Optional<ArchiveCipher> cipher, LinkFormat format, PublishSession session) {
            this.community = community;
            this.format = format;
            this.cipher = cipher;
            this.session = session;
            this.topics = TopicOrder.of(community.topics());
            this.topicSet = Set.copyOf(community.topics());
        }

        ArchiveRun run(TimeRange range, long partition) throws ArchivistException {
            List<IndexEntry> existing = existingEntries();
            archived = ArchivedRanges.of(existing);
            long end = range.to();
            long from = nextPopulated(range.from(), range.from(), end, partition);
            while (from < end) {
                long to = partition >= end - from ? end : from + partition;
                archivePartition(TimeRange.of(from, to));
                from = nextPopulated(range.from(), to, end, partition);
            }
            if (created.isEmpty()) {
                LOG.info("{}: no messages in {}, no archive created", community.id(), range);
                return new ArchiveRun(List.of(), existing, Optional.empty(), dropped);
            }
            List<IndexEntry> index = new ArrayList<>(existing);
            created.forEach(c -> index.add(c.entry()));
            byte[] encoded;
            try {
                encoded = format.encodeIndex(index);
            } catch (IllegalArgumentException e) {
                throw new InconsistentIndexException("the existing index and the new archives are of different"
                        + " kinds (piece ranges and CIDs): " + e.getMessage());
            }
            CrashPoints.reach("before the commit");
            String link = session.commit(seal(encoded));
            CrashPoints.reach("after the commit");
            LOG.info("{}: {} archives created for {}, index has {}", community.id(), created.size(), range,
                    index.size());
            return new ArchiveRun(created, index.stream().sorted(IndexCodec.ORDER).toList(), Optional.of(link), dropped);
        }

        /**
         * The start of the first partition at or after {@code after} that holds a message of the community, or
         * {@code end}: partitions start at {@code origin + k * partition}, and the store streams in ascending
         * timestamp order, so its first message in {@code [after, end)} names the partition. Empty partitions are
         * skipped without being visited: a run over {@code [0, 2^63)} costs one query per populated partition.
         */
        private long nextPopulated(long origin, long after, long end, long partition) {
            if (after >= end) {
                return end;
            }
            TimeRange rest = TimeRange.of(after, end);
            OptionalLong first;
            try (Stream<ArchivedMessage> messages = store.messages(community.id(), topicSet, rest)) {
                first = messages.filter(m -> rest.contains(m.timestamp()) && topicSet.contains(m.topic()))
                        .mapToLong(ArchivedMessage::timestamp).findFirst();
            }
            if (first.isEmpty()) {
                return end;
            }
            return origin + (first.getAsLong() - origin) / partition * partition;
        }

        private List<IndexEntry> existingEntries() throws ArchivistException {
            Optional<byte[]> stored = session.existingIndex();
            if (stored.isEmpty() || stored.get().length == 0) {
                return List.of();
            }
            byte[] plain = ArchiveEnvelope.unseal(community.id(), stored.get(), cipher);
            return format.decodeIndex(plain, limits.maxIndexEntries());
        }

        private void archivePartition(TimeRange partition) throws ArchivistException {
            ArchiveMetadata metadata = new ArchiveMetadata(partition, topics);
            if (archived.covers(partition)) {
                LOG.debug("{}: {} is archived already", community.id(), partition);
                return;
            }
            List<ChunkPlan.Chunk> chunks = plan(partition, metadata);
            if (chunks.isEmpty()) {
                return;
            }
            try (Stream<ArchivedMessage> messages = store.messages(community.id(), topicSet, partition)) {
                Iterator<ArchivedMessage> selected = messages.filter(m -> select(m, partition, false) == Selection.TAKE)
                        .iterator();
                for (ChunkPlan.Chunk chunk : chunks) {
                    append(metadata, chunk, new ChunkWriter(metadata, chunk, selected));
                }
            }
        }

        /** The first pass: cuts the partition into chunks, keeping their sizes only. Empty: nothing selected. */
        private List<ChunkPlan.Chunk> plan(TimeRange partition, ArchiveMetadata metadata) {
            ChunkPlan plan = new ChunkPlan(maxChunkWeight, ArchiveCodecStream.metadataLength(metadata));
            boolean[] selected = {false};
            try (Stream<ArchivedMessage> messages = store.messages(community.id(), topicSet, partition)) {
                messages.forEachOrdered(m -> { // pushed, not pulled: no iterator buffering each message
                    Selection s = select(m, partition, true);
                    if (s != Selection.SKIP) {
                        selected[0] = true;
                        if (s == Selection.TAKE) {
                            plan.add(m);
                        } else {
                            dropped++;
                        }
                    }
                });
            }
            // as status-go: the partition's last chunk is written even when every message was dropped
            return selected[0] ? plan.finish() : List.of();
        }

        private Selection select(ArchivedMessage m, TimeRange partition, boolean log) {
            if (!partition.contains(m.timestamp()) || !topicSet.contains(m.topic())) {
                if (log) {
                    LOG.warn("message store returned message {} ({} on topic {}) outside {} and the community's"
                            + " topics; ignored", m.hashHex(), m.timestamp(), m.topic(), partition);
                }
                return Selection.SKIP;
            }
            if (archived.contains(m.timestamp())) {
                return Selection.SKIP; // an archive of the committed index holds it already
            }
            long weight = m.archiveWeight();
            if (weight > maxChunkWeight) {
                if (log) {
                    LOG.warn("dropping message 0x{} of {} bytes (payload + signature): larger than an archive may"
                            + " be ({} bytes)", m.hashHex(), weight, maxChunkWeight);
                }
                return Selection.DROP;
            }
            return Selection.TAKE;
        }

        /**
         * Streams one chunk into the session, an encrypted community's sealed on the way when the host's cipher
         * can encrypt a stream; otherwise it is encoded into one buffer of its known length and sealed whole.
         */
        private void append(ArchiveMetadata metadata, ChunkPlan.Chunk chunk, ChunkWriter writer)
                throws ArchivistException {
            ArchiveLocation location;
            try {
                Optional<StreamingEncryption> streaming = community.encrypted()
                        ? cipher.orElseThrow().encryptStreaming(community.id()) : Optional.empty();
                if (streaming.isPresent()) {
                    SealedBlobWriter sealed = new SealedBlobWriter(streaming.get(), chunk.length(), writer);
                    CrashPoints.reach("before appending an archive");
                    location = session.append(sealed.length(), sealed);
                } else if (community.encrypted()) {
                    byte[] blob = seal(encode(chunk, writer));
                    CrashPoints.reach("before appending an archive");
                    location = session.append(blob);
                } else {
                    CrashPoints.reach("before appending an archive");
                    location = session.append(chunk.length(), writer);
                }
            } catch (StorageException e) {
                if (e.getCause() instanceof StoreChangedException changed) {
                    throw storeChanged(changed);
                }
                throw e;
            }
            created.add(new CreatedArchive(new IndexEntry(format.archiveId(metadata, location), metadata, location),
                    chunk.count()));
        }

        private byte[] encode(ChunkPlan.Chunk chunk, ChunkWriter writer) throws StorageException {
            if (chunk.length() > Integer.MAX_VALUE - 16) {
                throw new StorageException("an encrypted archive of " + chunk.length() + " bytes is too large to"
                        + " seal", false);
            }
            FixedArrayOutput out = new FixedArrayOutput((int) chunk.length());
            try {
                writer.writeTo(out);
                return out.array();
            } catch (StoreChangedException e) {
                throw storeChanged(e);
            } catch (IOException e) {
                throw new StorageException("could not encode an archive: " + e.getMessage(), false, e);
            }
        }

        private StorageException storeChanged(StoreChangedException e) {
            return new StorageException(community.id() + ": " + e.getMessage() + "; nothing committed, the next run"
                    + " retries", true, e);
        }

        private byte[] seal(byte[] plain) throws CipherException {
            return community.encrypted() ? ArchiveEnvelope.seal(community.id(), plain, cipher.orElseThrow()) : plain;
        }
    }
}
