package org.archivist.monitoring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

/** The backend MBean as a JMX client reads it from an MBean server, not as the Java object answers. */
class MBeansTest {

    @Test
    void aBackendsStateAndMetricsAreAttributesInTheServer() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        AtomicReference<BackendSnapshot> now = new AtomicReference<>(new BackendSnapshot("bittorrent",
                BackendSnapshot.State.UP, "", Map.of("seedingCommunities", 2, "listenPort", 9025)));
        ObjectName name = MBeans.name("Backend", "bittorrent");
        try (MBeans mbeans = new MBeans(server)) {
            mbeans.register(name, new BackendMetrics(now::get), DynamicMBean.class);
            assertEquals("UP", server.getAttribute(name, "State"));
            assertEquals(true, server.getAttribute(name, "Up"));
            assertEquals(2, server.getAttribute(name, "seedingCommunities"));
            assertEquals(9025, server.getAttribute(name, "listenPort"));
            assertTrue(Arrays.stream(server.getMBeanInfo(name).getAttributes()).map(MBeanAttributeInfo::getName)
                    .toList().containsAll(java.util.List.of("Type", "State", "Up", "Detail", "seedingCommunities")));

            now.set(new BackendSnapshot("bittorrent", BackendSnapshot.State.DOWN,
                    "the BitTorrent engine did not start: port taken", Map.of()));
            assertEquals("DOWN", server.getAttribute(name, "State"));
            assertEquals(false, server.getAttribute(name, "Up"));
            assertEquals("the BitTorrent engine did not start: port taken", server.getAttribute(name, "Detail"));
        }
    }
}
