package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.HexFormat;

import org.archivist.api.CommunityId;
import org.junit.jupiter.api.Test;

class CommunityComponentTest {

    static CommunityComponent.Config config(String id, String key, boolean control, boolean encrypted, String... keys) {
        return config(new String[] {"general", "0x0a0b0c0d"}, id, key, control, encrypted, keys);
    }

    static CommunityComponent.Config config(String[] topics, String id, String key, boolean control, boolean encrypted,
            String... keys) {
        return new CommunityComponent.Config() {
            public Class<? extends Annotation> annotationType() {
                return CommunityComponent.Config.class;
            }
            public String communityId() {
                return id;
            }
            public String privateKey() {
                return key;
            }
            public String[] topics() {
                return topics;
            }
            public boolean controlNode() {
                return control;
            }
            public boolean joined() {
                return true;
            }
            public boolean encrypted() {
                return encrypted;
            }
            public String[] groupKeys() {
                return keys;
            }
        };
    }

    @Test
    void configurationBecomesADirectoryEntryAndLeavesWithIt() {
        byte[] key = TestCommunities.newKey();
        CommunityId id = TestCommunities.idOf(key);
        CommunityRegistry registry = new CommunityRegistry();
        CommunityComponent c = new CommunityComponent(registry,
                config(id.hex(), HexFormat.of().formatHex(key), true, true, "1700000000:" + "11".repeat(32)));
        var community = registry.community(id).orElseThrow();
        assertTrue(community.controlNode());
        assertTrue(community.encrypted());
        assertEquals(2, community.topics().size());
        assertTrue(community.topics().contains(CommunitySettings.chatTopic(id, "general")));
        assertEquals(1, registry.groupKeys(id).size());
        c.deactivate();
        assertTrue(registry.community(id).isEmpty());
    }

    @Test
    void topicsKeepTheConfiguredChatOrderWhichArchiveIdsHash() {
        CommunityId id = TestCommunities.idOf(TestCommunities.newKey());
        CommunityRegistry registry = new CommunityRegistry();
        new CommunityComponent(registry, config(new String[] {"ffffffff", "general", "00000001", "-memberUpdate",
            "0x0a0b0c0d", "FFFFFFFF", " "}, id.hex(), "", false, false));
        java.util.List<org.archivist.api.ContentTopic> expected = java.util.List.of(
                org.archivist.api.ContentTopic.of("ffffffff"), CommunitySettings.chatTopic(id, "general"),
                org.archivist.api.ContentTopic.of("00000001"), CommunitySettings.chatTopic(id, "-memberUpdate"),
                org.archivist.api.ContentTopic.of("0a0b0c0d"));
        assertEquals(expected, registry.community(id).orElseThrow().topics(), "host order, duplicates dropped");
        assertEquals(expected, registry.communities().get(0).topics());
    }

    /**
     * A {@code .cfg} file gives {@code topics = general,random,-memberUpdate} as one string (Configuration Admin
     * does not split it); taken whole it became one chat topic that no message is on, so the Karaf demo's owner
     * stored 1492 loaded messages and counted 0 on its topics.
     */
    @Test
    void aCommaSeparatedCfgValueIsSplitIntoTopics() {
        CommunityId id = TestCommunities.idOf(TestCommunities.newKey());
        CommunityRegistry registry = new CommunityRegistry();
        new CommunityComponent(registry, config(new String[] {"general, random,-memberUpdate 0a0b0c0d"}, id.hex(), "",
                false, false));
        assertEquals(java.util.List.of(CommunitySettings.chatTopic(id, "general"),
                CommunitySettings.chatTopic(id, "random"), CommunitySettings.chatTopic(id, "-memberUpdate"),
                org.archivist.api.ContentTopic.of("0a0b0c0d")), registry.community(id).orElseThrow().topics());
    }

    @Test
    void aCommaSeparatedCfgValueIsSplitIntoGroupKeys() {
        byte[] key = TestCommunities.newKey();
        CommunityId id = TestCommunities.idOf(key);
        CommunityRegistry registry = new CommunityRegistry();
        new CommunityComponent(registry, config(id.hex(), HexFormat.of().formatHex(key), true, true,
                "1700000000:" + "11".repeat(32) + ", 1700000100:" + "22".repeat(32)));
        assertEquals(2, registry.groupKeys(id).size());
    }

    @Test
    void inconsistentConfigurationIsRefusedWithAReason() {
        byte[] key = TestCommunities.newKey();
        CommunityId other = TestCommunities.idOf(TestCommunities.newKey());
        CommunityRegistry registry = new CommunityRegistry();
        IllegalArgumentException wrongKey = assertThrows(IllegalArgumentException.class,
                () -> new CommunityComponent(registry, config(other.hex(), HexFormat.of().formatHex(key), true, false)));
        assertTrue(wrongKey.getMessage().contains("not that community's key"), wrongKey.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new CommunityComponent(registry, config(other.hex(), "", true, false)));
        CommunityId own = TestCommunities.idOf(key);
        assertThrows(IllegalArgumentException.class,
                () -> new CommunityComponent(registry, config(own.hex(), HexFormat.of().formatHex(key), true, true)));
        new CommunityComponent(registry, config(other.hex(), "", false, true)); // a member may wait for its key
        assertTrue(registry.community(other).orElseThrow().encrypted());
    }
}
