package org.archivist.webconsole.internal;

import java.util.Set;
import java.util.TreeSet;

/** The storage class of a set of backends, as the page colours it: bittorrent, codex, both or the names joined. */
final class Storage {
    static final String BITTORRENT = "bittorrent";
    static final String CODEX = "codex";
    static final String BOTH = "both";

    private Storage() {
    }

    static String of(Set<String> backends) {
        if (backends.contains(BITTORRENT) && backends.contains(CODEX)) {
            return BOTH;
        }
        if (backends.isEmpty()) {
            return "none";
        }
        return backends.size() == 1 ? backends.iterator().next() : String.join("+", new TreeSet<>(backends));
    }

    /** The colour of a storage class; any other backend grey. */
    static String colour(String storage) {
        return switch (storage) {
            case BITTORRENT -> "#3b7dd8";
            case CODEX -> "#2e9e6b";
            case BOTH -> "#7a52c7";
            default -> "#888888";
        };
    }
}
