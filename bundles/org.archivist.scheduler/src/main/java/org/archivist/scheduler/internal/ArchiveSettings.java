package org.archivist.scheduler.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.StorageBackend;

/**
 * One community's archive configuration. On its control node: which backends archives go to (any registered
 * backend, by its {@code storage.type} name), the timer interval and the partition length. On a member node:
 * the backends whose announced links it acts on (empty: any), the download order, the import rate and the history
 * window: only the archives overlapping {@code [now - historyWindow, now)} are fetched ({@link Duration#ZERO}:
 * every archive, the default); the others stay listed and are fetched on demand or when the window widens.
 */
public record ArchiveSettings(CommunityId community, boolean enabled, Set<String> backends, Duration interval,
        Duration partition, double importRate, Set<String> distribution, DownloadOrder downloadOrder,
        Duration historyWindow) {

    /** status-go's {@code messageArchiveInterval}: timer period and partition length. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofDays(7);
    /** status-go imports one chunk of 10 messages per second. */
    public static final double DEFAULT_IMPORT_RATE = 10;
    /** The alias of the migration window: both shipped backends. */
    public static final String BOTH = "both";
    /** The distribution that acts on the links of every backend. */
    public static final String ANY = "any";

    /** Which missing archives are fetched first. */
    public enum DownloadOrder {
        /** Ascending {@code from}, as status-go. */
        OLDEST_FIRST,
        NEWEST_FIRST
    }

    public ArchiveSettings {
        Objects.requireNonNull(community, "community");
        backends = Collections.unmodifiableSet(new LinkedHashSet<>(backends));
        distribution = Set.copyOf(distribution);
        Objects.requireNonNull(downloadOrder, "downloadOrder");
        Objects.requireNonNull(historyWindow, "historyWindow");
        if (historyWindow.isNegative()) {
            throw new IllegalArgumentException("the history window cannot be negative (0: every archive), got "
                    + historyWindow);
        }
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
            checkName(b);
        }
        for (String b : distribution) {
            checkName(b);
        }
    }

    /** Settings without a history window (every archive is fetched). */
    public ArchiveSettings(CommunityId community, boolean enabled, Set<String> backends, Duration interval,
            Duration partition, double importRate, Set<String> distribution, DownloadOrder downloadOrder) {
        this(community, enabled, backends, interval, partition, importRate, distribution, downloadOrder, Duration.ZERO);
    }

    private static void checkName(String b) {
        if (!BackendRegistry.NAME.matcher(b).matches()) {
            throw new IllegalArgumentException("'" + b + "' is not a backend name (lower-case letters, digits, . _ -)");
        }
    }

    /** Defaults: enabled, BitTorrent, 7 days, acting on the links of any backend, oldest first. */
    public static ArchiveSettings defaults(CommunityId community) {
        return new ArchiveSettings(community, true, Set.of(StorageBackend.BITTORRENT), DEFAULT_INTERVAL,
                DEFAULT_INTERVAL, DEFAULT_IMPORT_RATE, Set.of(), DownloadOrder.OLDEST_FIRST);
    }

    /** Whether a member fetches only recent archives (a history window is set). */
    public boolean windowed() {
        return !historyWindow.isZero();
    }

    /** Whether a member acts on links of the named backend. */
    public boolean acceptsLinksOf(String backend) {
        return distribution.isEmpty() || distribution.contains(backend);
    }

    /**
     * Backend names separated by commas ({@code bittorrent}, {@code codex}, {@code bittorrent,mybackend}), in
     * order; {@code both} stands for {@code bittorrent,codex}. At least one.
     */
    public static Set<String> parseBackends(String value) {
        Set<String> names = parseNames(value, "backend");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("backend names at least one backend (bittorrent, codex, both or any"
                    + " registered backend's storage.type), got '" + value + "'");
        }
        return names;
    }

    /** {@code any} (or empty), or backend names as in {@link #parseBackends}: the backends whose links a member acts on. */
    public static Set<String> parseDistribution(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return v.isEmpty() || v.equals(ANY) ? Set.of() : parseNames(v, "distribution");
    }

    private static Set<String> parseNames(String value, String what) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : (value == null ? "" : value).toLowerCase(Locale.ROOT).split(",")) {
            String n = part.trim();
            if (n.isEmpty()) {
                continue;
            }
            if (n.equals(BOTH)) {
                names.add(StorageBackend.BITTORRENT);
                names.add(StorageBackend.CODEX);
            } else if (BackendRegistry.NAME.matcher(n).matches()) {
                names.add(n);
            } else {
                throw new IllegalArgumentException(what + " '" + n + "' is not a backend name (lower-case letters,"
                        + " digits, . _ -)");
            }
        }
        return names;
    }

    public ArchiveSettings withBackends(Set<String> b) {
        return new ArchiveSettings(community, enabled, b, interval, partition, importRate, distribution, downloadOrder,
                historyWindow);
    }

    public ArchiveSettings withEnabled(boolean e) {
        return new ArchiveSettings(community, e, backends, interval, partition, importRate, distribution, downloadOrder,
                historyWindow);
    }

    public ArchiveSettings withInterval(Duration i, Duration p) {
        return new ArchiveSettings(community, enabled, backends, i, p, importRate, distribution, downloadOrder,
                historyWindow);
    }

    public ArchiveSettings withImportRate(double rate) {
        return new ArchiveSettings(community, enabled, backends, interval, partition, rate, distribution, downloadOrder,
                historyWindow);
    }

    public ArchiveSettings withDistribution(Set<String> d) {
        return new ArchiveSettings(community, enabled, backends, interval, partition, importRate, d, downloadOrder,
                historyWindow);
    }

    public ArchiveSettings withHistoryWindow(Duration window) {
        return new ArchiveSettings(community, enabled, backends, interval, partition, importRate, distribution,
                downloadOrder, window);
    }
}
