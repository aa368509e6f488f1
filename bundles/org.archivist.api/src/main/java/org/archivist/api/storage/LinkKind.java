package org.archivist.api.storage;

/** The two kinds of archive link, each announced with its own Status application message type. */
public enum LinkKind {
    /** A BitTorrent magnet URI, announced as {@code CommunityMessageArchiveMagnetlink} (type 43). */
    MAGNET(43),
    /** The CID of a Codex index, announced as {@code CommunityMessageArchiveIndexCid} (type 76). */
    INDEX_CID(76);

    private final int applicationMessageType;

    LinkKind(int applicationMessageType) {
        this.applicationMessageType = applicationMessageType;
    }

    /** The {@code ApplicationMetadataMessage.Type} number of the announcement. */
    public int applicationMessageType() {
        return applicationMessageType;
    }

    public static java.util.Optional<LinkKind> ofApplicationMessageType(int type) {
        for (LinkKind kind : values()) {
            if (kind.applicationMessageType == type) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }
}
