package org.archivist.itests;

import java.nio.file.Path;

import org.archivist.api.CommunityId;

/**
 * A member node for the exchange tests: a {@link KarafInstance} of the distribution whose BitTorrent engine knows
 * the owner's as a peer and whose channel listens where the owner sends, configured only through files in its
 * {@code etc/}; and, once it runs, its shell through {@link KarafClient}. Driver side builds it, container side
 * talks to it.
 */
final class MemberNode {
    static final String HOST_COMMUNITY = OwnerConfigs.HOST_COMMUNITY;
    static final String SCHEDULER_COMMUNITY = OwnerConfigs.SCHEDULER_COMMUNITY;
    static final String SCHEDULER = "org.archivist.scheduler";

    private MemberNode() {
    }

    /** The member's instance (not started): its BitTorrent and channel ports, the owner's engine as a peer hint. */
    static KarafInstance instance(Path home, int bittorrentPort, int channelPort, int ownerBittorrentPort) {
        return new KarafInstance(home)
                .config("org.archivist.storage.bittorrent", "listenPort", String.valueOf(bittorrentPort))
                .config("org.archivist.storage.bittorrent", "peerHints", "127.0.0.1:" + ownerBittorrentPort)
                .config("org.archivist.host.reference.channel", "port", String.valueOf(channelPort));
    }

    /**
     * The member joins a community (the reference host's configuration {@code <name>}) and archives it (the
     * scheduler's, importing fast); {@code schedulerKeyValues} adds keys to the latter ({@code key, value, ...}).
     */
    static KarafInstance joins(KarafInstance member, String name, CommunityId id, String topicHex,
            String... schedulerKeyValues) {
        member.config(HOST_COMMUNITY + "-" + name, "communityId", id.hex())
                .config(HOST_COMMUNITY + "-" + name, "topics", topicHex)
                .config(HOST_COMMUNITY + "-" + name, "controlNode", "false")
                .config(HOST_COMMUNITY + "-" + name, "joined", "true")
                .config(SCHEDULER_COMMUNITY + "-" + name, "communityId", id.hex())
                .config(SCHEDULER_COMMUNITY + "-" + name, "distribution", "any")
                .config(SCHEDULER_COMMUNITY + "-" + name, "importRate", "1000");
        for (int i = 0; i + 1 < schedulerKeyValues.length; i += 2) {
            member.config(SCHEDULER_COMMUNITY + "-" + name, schedulerKeyValues[i], schedulerKeyValues[i + 1]);
        }
        return member;
    }

    /** The shell of the member the driver started, from the system properties it passed into the container. */
    static KarafClient shell() {
        return new KarafClient(Path.of(System.getProperty("itest.member.home")), Integer.getInteger("itest.member.ssh"));
    }

    /** {@code host:count <community>} on one line: {@code messages: <n> hash sum: <hex>}. */
    static String count(KarafClient member, CommunityId id) throws Exception {
        return member.run("host:count " + id.hex()).replaceAll("\\s+", " ").trim();
    }
}
