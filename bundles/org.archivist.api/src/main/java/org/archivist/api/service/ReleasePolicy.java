package org.archivist.api.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the node may release by itself when something it is about to store does not fit under its storage limit
 * (the scheduler's {@code storageRelease}). Whatever the policy, staged publishes and an owner's published archives
 * are never released (they are the only copies), and within each kind the oldest copy goes first.
 *
 * @since 1.6
 */
public enum ReleasePolicy {
    /** Release nothing: the download or transfer stops with a clear status and an event (the default). */
    NONE("none", Set.of()),
    /** Release fetched copies of files, oldest first. */
    OLDEST_FILES_FIRST("oldest-files-first", Set.of(ReleasableCopy.Kind.FILE)),
    /** Release fetched copies of files, oldest first, then members' imported archive sets, oldest first. */
    FILES_THEN_ARCHIVES("files-then-archives", Set.of(ReleasableCopy.Kind.FILE, ReleasableCopy.Kind.ARCHIVE_SET));

    private final String configValue;
    private final Set<ReleasableCopy.Kind> kinds;

    ReleasePolicy(String configValue, Set<ReleasableCopy.Kind> kinds) {
        this.configValue = configValue;
        this.kinds = kinds;
    }

    /** The configuration value naming it, e.g. {@code oldest-files-first}. */
    public String configValue() {
        return configValue;
    }

    /** The kinds of copies it may release. */
    public Set<ReleasableCopy.Kind> kinds() {
        return kinds;
    }

    /**
     * The policy a configuration value names (case and surrounding blanks ignored; empty: {@link #NONE}).
     *
     * @throws IllegalArgumentException naming the valid values, when it names none
     */
    public static ReleasePolicy parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return NONE;
        }
        for (ReleasePolicy p : values()) {
            if (p.configValue.equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("storageRelease '" + value + "' is not one of "
                + Arrays.stream(values()).map(ReleasePolicy::configValue).collect(Collectors.joining(", ")));
    }
}
