package org.archivist.api.storage;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The kind of link a backend announces (for example Status' {@code MAGNET} and {@code INDEX_CID}, defined
 * with their formats in the core). Open: any backend names its own kind through its {@link LinkFormat}.
 * Per-community state (clocks, last links) is kept per kind, so two backends never share a kind.
 *
 * @param name upper-case letters, digits and {@code _}; stored in state files
 */
public record LinkKind(String name) {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public LinkKind {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a link kind is 1-64 upper-case letters, digits and _, not '" + name
                    + "'");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
