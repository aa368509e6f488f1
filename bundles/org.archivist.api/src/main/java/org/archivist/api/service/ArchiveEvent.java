package org.archivist.api.service;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;

/**
 * Something that happened to a community's archives, mirroring status-go's archive signals. In OSGi
 * each is also posted to EventAdmin under {@link Type#topic()} with the properties:
 * <ul>
 * <li>{@value #COMMUNITY} (String): the community id, {@code 0x} + hex; always;</li>
 * <li>{@value #FROM} and {@value #TO} (Long, Unix seconds): the range {@code [from, to)}, when there is one;</li>
 * <li>{@value #BYTES} (Long): the bytes that moved, when known: on {@link Type#CREATED} the blob bytes the run
 * published (summed over its backends), on {@link Type#ARCHIVE_DOWNLOADED} the blob bytes fetched (since 1.4);</li>
 * <li>{@value #REASON} (String): on {@link Type#FAILED}, what failed and why (since 1.4).</li>
 * </ul>
 *
 * @param bytes  the bytes that moved, when known (see {@value #BYTES}); since 1.4
 * @param reason what failed, on {@link Type#FAILED}; since 1.4
 */
public record ArchiveEvent(Type type, CommunityId community, Optional<TimeRange> range, OptionalLong bytes,
        Optional<String> reason) {
    public static final String TOPIC_PREFIX = "org/archivist/archive/";
    public static final String COMMUNITY = "community";
    public static final String FROM = "from";
    public static final String TO = "to";
    /** The EventAdmin property of {@link #bytes()}, a Long. @since 1.4 */
    public static final String BYTES = "bytes";
    /** The EventAdmin property of {@link #reason()}, a String. @since 1.4 */
    public static final String REASON = "reason";

    /** The event kinds, each with the status-go signal it mirrors. */
    public enum Type {
        /** {@code community.creatingHistoryArchives} */
        CREATING,
        /** {@code community.historyArchivesCreated} (from, to) */
        CREATED,
        /** {@code community.noHistoryArchivesCreated} (from, to) */
        NONE_CREATED,
        /** {@code community.historyArchivesSeeding} */
        SEEDING,
        /** {@code community.historyArchivesUnseeded} */
        UNSEEDED,
        /** {@code community.downloadingHistoryArchivesStarted} */
        DOWNLOAD_STARTED,
        /** {@code community.historyArchiveDownloaded} (from, to) */
        ARCHIVE_DOWNLOADED,
        /** {@code community.importingHistoryArchiveMessages} */
        IMPORTING,
        /** {@code community.downloadingHistoryArchivesFinished} */
        FINISHED,
        /**
         * Owner: a link was announced with a new clock. status-go then mirrors the magnet-link clock into the
         * community description; a host reads it from {@link ArchiveService#linkClocks}. Since 1.2.
         */
        ANNOUNCED,
        /**
         * A run failed and is retried with backoff (or, for a download whose link can never succeed, given up): an
         * owner's archive run, seeding or announcement on a backend, a member's download or import. The
         * {@link ArchiveEvent#reason() reason} says what failed; the range is the run's, when it has one. No
         * status-go signal. Since 1.4.
         */
        FAILED;

        /** The EventAdmin topic, e.g. {@code org/archivist/archive/CREATED}. */
        public String topic() {
            return TOPIC_PREFIX + name();
        }
    }

    public ArchiveEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(community, "community");
        range = range == null ? Optional.empty() : range;
        bytes = bytes == null ? OptionalLong.empty() : bytes;
        reason = reason == null ? Optional.empty() : reason;
        if (bytes.isPresent() && bytes.getAsLong() < 0) {
            throw new IllegalArgumentException("bytes cannot be negative: " + bytes.getAsLong());
        }
    }

    /** An event without a byte count or a reason (the shape before 1.4). */
    public ArchiveEvent(Type type, CommunityId community, Optional<TimeRange> range) {
        this(type, community, range, OptionalLong.empty(), Optional.empty());
    }

    public static ArchiveEvent of(Type type, CommunityId community) {
        return new ArchiveEvent(type, community, Optional.empty());
    }

    public static ArchiveEvent of(Type type, CommunityId community, TimeRange range) {
        return new ArchiveEvent(type, community, Optional.of(range));
    }

    /**
     * A ranged event with the bytes that moved ({@link Type#CREATED}: published, {@link Type#ARCHIVE_DOWNLOADED}:
     * fetched).
     *
     * @since 1.4
     */
    public static ArchiveEvent of(Type type, CommunityId community, TimeRange range, long bytes) {
        return new ArchiveEvent(type, community, Optional.of(range), OptionalLong.of(bytes), Optional.empty());
    }

    /**
     * A {@link Type#FAILED} event.
     *
     * @param range  the range of the failed run, when it had one
     * @param reason what failed and why, for operators
     * @since 1.4
     */
    public static ArchiveEvent failed(CommunityId community, Optional<TimeRange> range, String reason) {
        return new ArchiveEvent(Type.FAILED, community, range, OptionalLong.empty(),
                Optional.of(Objects.requireNonNull(reason, "reason")));
    }
}
