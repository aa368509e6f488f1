package org.archivist.scheduler.internal;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;

/**
 * One community's archive configuration. On its control node: which backends archives go to, the timer
 * interval and the partition length. On a member node: which kinds of announced links it acts on, the
 * download order and the import rate.
 */
public record ArchiveSettings(CommunityId community, boolean enabled, Set<String> backends, Duration interval,
        Duration partition, double importRate, Set<LinkKind> distribution, DownloadOrder downloadOrder) {

    /** status-go's {@code messageArchiveInterval}: timer period and partition length. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofDays(7);
    /** status-go imports one chunk of 10 messages per second. */
    public static final double DEFAULT_IMPORT_RATE = 10;

    /** Which missing archives are fetched first. */
    public enum DownloadOrder {
        /** Ascending {@code from}, as status-go. */
        OLDEST_FIRST,
        NEWEST_FIRST
    }

    public ArchiveSettings {
        Objects.requireNonNull(community, "community");
        backends = Set.copyOf(backends);
        distribution = Set.copyOf(distribution);
        Objects.requireNonNull(downloadOrder, "downloadOrder");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the archive interval must be positive, got " + interval);
        }
        if (partition.isNegative() || partition.isZero() || partition.getSeconds() < 1) {
            throw new IllegalArgumentException("the partition must be at least one second, got " + partition);
        }
        if (!(importRate > 0)) {
            throw new IllegalArgumentException("the import rate must be positive (messages per second), got " + importRate);
        }
        for (String b : backends) {
            if (!b.equals(StorageBackend.BITTORRENT) && !b.equals(StorageBackend.CODEX)) {
                throw new IllegalArgumentException("unknown backend '" + b + "' (bittorrent, codex)");
            }
        }
    }

    /** Defaults: enabled, BitTorrent, 7 days, acting on every kind of link, oldest first. */
    public static ArchiveSettings defaults(CommunityId community) {
        return new ArchiveSettings(community, true, Set.of(StorageBackend.BITTORRENT), DEFAULT_INTERVAL,
                DEFAULT_INTERVAL, DEFAULT_IMPORT_RATE, Set.of(LinkKind.values()), DownloadOrder.OLDEST_FIRST);
    }

    /** {@code bittorrent}, {@code codex} or {@code both}. */
    public static Set<String> parseBackends(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "bittorrent" -> Set.of(StorageBackend.BITTORRENT);
            case "codex" -> Set.of(StorageBackend.CODEX);
            case "both" -> new LinkedHashSet<>(java.util.List.of(StorageBackend.BITTORRENT, StorageBackend.CODEX));
            default -> throw new IllegalArgumentException("backend must be bittorrent, codex or both, got '" + value + "'");
        };
    }

    /** {@code bittorrent}, {@code codex} or {@code any}: the kinds of link a member acts on. */
    public static Set<LinkKind> parseDistribution(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "bittorrent" -> Set.of(LinkKind.MAGNET);
            case "codex" -> Set.of(LinkKind.INDEX_CID);
            case "any", "both" -> Set.of(LinkKind.values());
            default -> throw new IllegalArgumentException("distribution must be bittorrent, codex or any, got '" + value
                    + "'");
        };
    }

    public ArchiveSettings withBackends(Set<String> b) {
        return new ArchiveSettings(community, enabled, b, interval, partition, importRate, distribution, downloadOrder);
    }

    public ArchiveSettings withEnabled(boolean e) {
        return new ArchiveSettings(community, e, backends, interval, partition, importRate, distribution, downloadOrder);
    }

    public ArchiveSettings withInterval(Duration i, Duration p) {
        return new ArchiveSettings(community, enabled, backends, i, p, importRate, distribution, downloadOrder);
    }

    public ArchiveSettings withImportRate(double rate) {
        return new ArchiveSettings(community, enabled, backends, interval, partition, rate, distribution, downloadOrder);
    }

    public ArchiveSettings withDistribution(Set<LinkKind> d) {
        return new ArchiveSettings(community, enabled, backends, interval, partition, importRate, d, downloadOrder);
    }
}
