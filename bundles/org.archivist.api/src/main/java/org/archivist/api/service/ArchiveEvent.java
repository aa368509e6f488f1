package org.archivist.api.service;

import java.util.Objects;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;

/**
 * Something that happened to a community's archives, mirroring status-go's archive signals. In OSGi
 * each is also posted to EventAdmin under {@link Type#topic()} with the properties
 * {@value #COMMUNITY}, {@value #FROM} and {@value #TO} (the latter two when there is a range).
 */
public record ArchiveEvent(Type type, CommunityId community, Optional<TimeRange> range) {
    public static final String TOPIC_PREFIX = "org/archivist/archive/";
    public static final String COMMUNITY = "community";
    public static final String FROM = "from";
    public static final String TO = "to";

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
        ANNOUNCED;

        /** The EventAdmin topic, e.g. {@code org/archivist/archive/CREATED}. */
        public String topic() {
            return TOPIC_PREFIX + name();
        }
    }

    public ArchiveEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(community, "community");
        range = range == null ? Optional.empty() : range;
    }

    public static ArchiveEvent of(Type type, CommunityId community) {
        return new ArchiveEvent(type, community, Optional.empty());
    }

    public static ArchiveEvent of(Type type, CommunityId community, TimeRange range) {
        return new ArchiveEvent(type, community, Optional.of(range));
    }
}
