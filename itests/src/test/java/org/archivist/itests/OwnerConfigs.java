package org.archivist.itests;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.archivist.api.CommunityId;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The container as a community's control node, configured at run time through {@link ConfigurationAdmin} as an
 * operator would: the reference host's community (its key, its chat topic) and the scheduler's archive
 * configuration. Container side.
 */
final class OwnerConfigs {
    static final String HOST_COMMUNITY = "org.archivist.host.reference.community";
    static final String SCHEDULER_COMMUNITY = "org.archivist.scheduler.community";

    private OwnerConfigs() {
    }

    /** The host's community, controlled here; {@code groupKey} (or null) makes it an encrypted one. */
    static void hostCommunity(ConfigurationAdmin configurations, CommunityId id, String privateKey, String topicHex,
            String groupKey) throws IOException {
        Dictionary<String, Object> host = new Hashtable<>();
        host.put("communityId", id.hex());
        host.put("privateKey", privateKey);
        host.put("topics", new String[] {topicHex});
        host.put("controlNode", true);
        host.put("joined", true);
        if (groupKey != null) {
            host.put("encrypted", true);
            host.put("groupKeys", new String[] {groupKey});
        }
        configurations.createFactoryConfiguration(HOST_COMMUNITY, "?").update(host);
    }

    /** The test community (private key 1, its one topic), public, controlled here. */
    static void hostTestCommunity(ConfigurationAdmin configurations) throws IOException {
        hostCommunity(configurations, TestCommunity.ID, TestCommunity.PRIVATE_KEY, TestCommunity.TOPIC_HEX, null);
    }

    /** The scheduler's configuration of a community's archives (the partition defaults to the interval when null). */
    static Dictionary<String, Object> archives(CommunityId id, String backend, String interval, String partition) {
        Dictionary<String, Object> c = new Hashtable<>();
        c.put("communityId", id.hex());
        c.put("backend", backend);
        c.put("interval", interval);
        if (partition != null) {
            c.put("partition", partition);
        }
        return c;
    }

    /** Creates the scheduler's configuration; returns it, to change or delete later. */
    static Configuration archive(ConfigurationAdmin configurations, CommunityId id, String backend, String interval,
            String partition) throws IOException {
        Configuration c = configurations.createFactoryConfiguration(SCHEDULER_COMMUNITY, "?");
        c.update(archives(id, backend, interval, partition));
        return c;
    }
}
