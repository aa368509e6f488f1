package org.archivist.storage.bittorrent.internal.engine;

import java.util.Locale;

/** Which BitTorrent engine a node runs (configuration {@code engine}); see the bundle README's "Engine choice". */
public enum EngineKind {
    /** libtorrent 2.0.6 through libtorrent4j (JNI; the native ships for Linux x86_64). The default. */
    LIBTORRENT,
    /** bt 1.10, pure Java, embedded and worked around; the fallback where libtorrent's native does not load. */
    BT;

    public static final EngineKind DEFAULT = LIBTORRENT;

    /** {@code libtorrent} or {@code bt} (any case); anything else is refused with the accepted values. */
    public static EngineKind parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "libtorrent", "libtorrent4j" -> LIBTORRENT;
            case "bt" -> BT;
            default -> throw new IllegalArgumentException("unknown BitTorrent engine '" + name
                    + "': use libtorrent or bt");
        };
    }

    public String configName() {
        return this == LIBTORRENT ? "libtorrent" : "bt";
    }
}
