package org.archivist.libtorrent4j;

/** What libtorrent4j does by itself: {@code System.load} of one fixed path (loaded into test class loaders). */
public final class NaiveLoad {
    private NaiveLoad() {
    }

    public static void load(String path) {
        System.load(path);
    }
}
